/**
 * Committed changes delivered exactly once, in version order, and fanned out to entity channels.
 */
package io.syncline.change.sequencer;
