package io.syncline.bench.client;

/** A plain WebSocket fan-out server (Node {@code ws}, the trivial Netty server): ready at open. */
public final class WsProtocol implements Protocol {

  private final String name;

  public WsProtocol(String name) {
    this.name = name;
  }

  @Override
  public String path() {
    return "/";
  }

  @Override
  public void opened(Conn conn) {
    conn.ready.complete(conn);
  }

  @Override
  public boolean handshake(Conn conn, String text) {
    return true;
  }

  @Override
  public boolean subscribes() {
    return false;
  }

  @Override
  public String publishFrame(String message) {
    return message;
  }

  @Override
  public String name() {
    return name;
  }
}
