package io.syncline.bench.client;

import io.netty.buffer.ByteBuf;

/**
 * Socket.IO 4 over its WebSocket transport (Engine.IO 4): {@code 0{…}} open, {@code 40} to join
 * the main namespace, ready at the server's {@code 40{…}}; the server's ping {@code 2} is answered
 * {@code 3}; events are {@code 42["name",data]}.
 */
public final class SocketIoProtocol implements Protocol {

  @Override
  public String path() {
    return "/socket.io/?EIO=4&transport=websocket";
  }

  @Override
  public void opened(Conn conn) {}

  @Override
  public boolean handshake(Conn conn, String text) {
    if (text.startsWith("0{")) {
      conn.send("40");
      return false;
    }
    if (text.equals("2")) {
      conn.send("3");
      return false;
    }
    return text.startsWith("40");
  }

  @Override
  public boolean control(Conn conn, ByteBuf frame) {
    if (frame.readableBytes() == 1 && frame.getByte(frame.readerIndex()) == '2') {
      conn.send("3");
      return true;
    }
    return false;
  }

  @Override
  public String publishFrame(String message) {
    return "42[\"pub\"," + message + "]";
  }

  @Override
  public String name() {
    return "socket.io";
  }
}
