package io.syncline.bench.client;

/**
 * What one kind of server expects of a subscriber: where to connect, how to become ready
 * (subscribed), which frames to answer (pings), and how a publisher wraps a message.
 */
public interface Protocol {

  /** Path and query of the socket, e.g. {@code /api/ws}. */
  String path();

  /** The subprotocols the handshake offers, comma-separated; null for none. */
  default String subprotocols() {
    return null;
  }

  /** Called once the WebSocket is open. */
  void opened(Conn conn);

  /**
   * A text frame that arrived before the connection was ready; returns true when it made the
   * connection ready.
   */
  boolean handshake(Conn conn, String text);

  /** A frame after readiness that is the protocol's own (a ping); returns true if handled. */
  default boolean control(Conn conn, io.netty.buffer.ByteBuf frame) {
    return false;
  }

  /** Whether a client subscribes after the socket opens (not for a plain broadcast server). */
  default boolean subscribes() {
    return true;
  }

  /** The frame a publisher connection sends to broadcast {@code message}. */
  String publishFrame(String message);

  /** A short name for reports. */
  String name();
}
