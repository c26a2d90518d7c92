package io.syncline.bench.client;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.CompletableFuture;

/**
 * One client WebSocket: its index among its peers, its channel, when it became ready, and the
 * times of its set-up (connect started, WebSocket open, ready) in {@link System#nanoTime()}.
 */
public final class Conn {

  final int index;
  final Channel channel;
  final CompletableFuture<Conn> ready = new CompletableFuture<>();
  volatile boolean closed;
  /** Closed by this side ({@link #close()}), not by the server. */
  volatile boolean closing;
  volatile long startNanos;
  volatile long openNanos;
  volatile long readyNanos;
  /** When the server's greeting ({@code connection:established}) arrived; 0 if none did. */
  volatile long greetedNanos;
  /** The status code of the close frame the server sent; -1 if none arrived. */
  volatile int closeCode = -1;

  Conn(int index, Channel channel) {
    this.index = index;
    this.channel = channel;
    ready.thenRun(() -> readyNanos = System.nanoTime());
  }

  public int index() {
    return index;
  }

  public boolean isOpen() {
    return !closed && channel.isActive();
  }

  public long startNanos() {
    return startNanos;
  }

  public long openNanos() {
    return openNanos;
  }

  public long readyNanos() {
    return readyNanos;
  }

  public long greetedNanos() {
    return greetedNanos;
  }

  public int closeCode() {
    return closeCode;
  }

  /** Whether this side closed it. */
  public boolean closedHere() {
    return closing;
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

  /**
   * Stops reading the socket: what the server sends piles up in this side's receive buffer, then
   * in the server's send buffer, as with a client that hangs.
   */
  public void pauseReading() {
    channel.eventLoop().submit(() -> channel.config().setAutoRead(false)).syncUninterruptibly();
  }

  /** Reads the socket again (what piled up, then what follows). */
  public void resumeReading() {
    channel
        .eventLoop()
        .submit(
            () -> {
              channel.config().setAutoRead(true);
              channel.read();
            })
        .syncUninterruptibly();
  }

  /** Whether the connection is closed (read on its event loop: it notices a close only when reading). */
  public boolean closedYet() {
    return closed || !channel.isOpen();
  }

  public void close() {
    closing = true;
    channel.close();
  }
}
