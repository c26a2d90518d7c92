/**
 * Structured event lines (connections, refusals, slow consumers, admin actions), JSON on request,
 * and the recent errors.
 */
package io.syncline.ops.log;
