/** The WebSocket endpoints (thin), the codecs of both dialects, and per-connection handling. */
package io.syncline.websocket;
