package io.syncline.bench.client;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.CompletableFuture;

/** One client WebSocket: its index among its peers, its channel, and when it became ready. */
public final class Conn {

  final int index;
  final Channel channel;
  final CompletableFuture<Conn> ready = new CompletableFuture<>();
  volatile boolean closed;

  Conn(int index, Channel channel) {
    this.index = index;
    this.channel = channel;
  }

  public int index() {
    return index;
  }

  public boolean isOpen() {
    return !closed && channel.isActive();
  }

  /** Sends one text frame. */
  public void send(String text) {
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  /** Sends one text frame without flushing; call {@link #flush()} after a burst. */
  public void write(String text) {
    channel.write(new TextWebSocketFrame(text));
  }

  public void flush() {
    channel.flush();
  }

  public void close() {
    channel.close();
  }
}
