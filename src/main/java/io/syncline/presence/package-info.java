/** Presence: who is on a resource or in a room, across tabs and devices, with coalesced diffs. */
package io.syncline.presence;
