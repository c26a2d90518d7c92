package io.syncline.bench.client;

import java.util.List;

/** Publishes through the server's own socket broadcast, round-robin over a few connections. */
public final class SocketPublisher implements Publisher {

  private final List<Conn> conns;
  private final Protocol protocol;
  private final int size;
  private int next;

  public SocketPublisher(List<Conn> conns, Protocol protocol, int size) {
    this.conns = conns;
    this.protocol = protocol;
    this.size = size;
  }

  @Override
  public void publish(long seq) {
    Conn conn = conns.get(next++ % conns.size());
    conn.send(protocol.publishFrame(Stamps.message(seq, System.nanoTime(), size)));
  }
}
