/**
 * The long-poll transport: HTTP sessions that carry the socket's frames, both ways, through the
 * socket's own connection handling.
 */
package io.syncline.longpoll;
