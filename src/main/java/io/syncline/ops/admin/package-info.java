/**
 * The admin page's data and actions (role admin): sampled load, connections, channels, presence,
 * the feed, recent errors.
 */
package io.syncline.ops.admin;
