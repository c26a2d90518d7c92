package io.syncline.bench.client;

import io.netty.buffer.ByteBuf;

/** Receives the frames of ready connections, on the client's event loop. */
public interface FrameListener {

  void frame(Conn conn, ByteBuf content);

  /** A connection closed (by either side). */
  default void closed(Conn conn) {}
}
