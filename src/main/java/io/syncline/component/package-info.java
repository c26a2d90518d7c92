/** Seed 001's component rooms: shared state, nested components, typing and cursors. */
package io.syncline.component;
