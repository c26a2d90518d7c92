/**
 * Reads of the log for catching up: changes after a version, over sockets (sync, recovery) and
 * HTTP.
 */
package io.syncline.change.catchup;
