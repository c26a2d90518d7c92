/** Writes over the socket: push and conflict:resolve translated to and from the write path. */
package io.syncline.push;
