package io.syncline.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The load generator's sockets: Netty on one event-loop thread for subscribers (so its ceiling is
 * one core's, and measurements need no locks) and one for publishers.
 */
public final class Client implements AutoCloseable {

  private static final int MAX_FRAME = 64 * 1024 * 1024;

  private final EventLoopGroup subscriberLoop = new NioEventLoopGroup(1);
  private final EventLoopGroup publisherLoop = new NioEventLoopGroup(1);
  private volatile FrameListener listener;

  /** Where frames of ready subscriber connections go; null drops them. */
  public void listen(FrameListener listener) {
    this.listener = listener;
  }

  /** Runs on the subscriber thread and waits: reading what the listener gathered is then safe. */
  public <T> T onSubscriberThread(Callable<T> task) throws Exception {
    return subscriberLoop.next().submit(task).get(30, TimeUnit.SECONDS);
  }

  /** The result of opening many connections. */
  public record Opened(List<Conn> conns, int failed, double perSecond, long millis) {}

  /** Opens {@code count} subscriber sockets, at most {@code concurrency} connecting at once. */
  public Opened open(URI base, Protocol protocol, int count, int concurrency, long timeoutMs)
      throws InterruptedException {
    return open(base, protocol, count, concurrency, timeoutMs, 0);
  }

  /**
   * The same, the connections indexed from {@code firstIndex} on: subscribers opened in several
   * calls (to several servers) need distinct indexes, which the recorder counts by.
   */
  public Opened open(
      URI base, Protocol protocol, int count, int concurrency, long timeoutMs, int firstIndex)
      throws InterruptedException {
    return open(
        base, protocol, count, concurrency, timeoutMs, subscriberLoop, () -> listener, firstIndex);
  }

  /** Opens publisher sockets (their frames are dropped). */
  public Opened openPublishers(URI base, Protocol protocol, int count)
      throws InterruptedException {
    return open(base, protocol, count, count, 60_000, publisherLoop, () -> null, 0);
  }

  private Opened open(
      URI base,
      Protocol protocol,
      int count,
      int concurrency,
      long timeoutMs,
      EventLoopGroup group,
      Supplier<FrameListener> frames,
      int firstIndex)
      throws InterruptedException {
    URI uri = base.resolve(protocol.path());
    Semaphore permits = new Semaphore(concurrency);
    List<CompletableFuture<Conn>> all = new ArrayList<>(count);
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    for (int i = 0; i < count; i++) {
      if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      CompletableFuture<Conn> ready = connect(uri, protocol, group, frames, firstIndex + i);
      ready.whenComplete((c, e) -> permits.release());
      all.add(ready);
    }
    List<Conn> conns = new ArrayList<>(count);
    int failed = count - all.size();
    for (CompletableFuture<Conn> f : all) {
      try {
        long left = Math.max(1, deadline - System.nanoTime());
        conns.add(f.get(left, TimeUnit.NANOSECONDS));
      } catch (Exception e) {
        if (failed++ == count - all.size()) {
          System.out.println("  first failed connect: " + (e.getCause() != null ? e.getCause() : e));
        }
      }
    }
    long nanos = System.nanoTime() - start;
    return new Opened(
        conns, failed, conns.size() / (nanos / 1e9), TimeUnit.NANOSECONDS.toMillis(nanos));
  }

  /**
   * Opens one subscriber socket (its frames go to the listener) indexed {@code index}, with a
   * receive buffer of {@code receiveBuffer} bytes if positive (a small one makes a client that
   * stops reading felt by the server at once), and completes when it is ready.
   */
  public CompletableFuture<Conn> connect(
      URI base, Protocol protocol, int index, int receiveBuffer) {
    return connect(
        base.resolve(protocol.path()), protocol, subscriberLoop, () -> listener, index, receiveBuffer);
  }

  private CompletableFuture<Conn> connect(
      URI uri, Protocol protocol, EventLoopGroup group, Supplier<FrameListener> frames, int index) {
    return connect(uri, protocol, group, frames, index, 0);
  }

  private CompletableFuture<Conn> connect(
      URI uri,
      Protocol protocol,
      EventLoopGroup group,
      Supplier<FrameListener> frames,
      int index,
      int receiveBuffer) {
    CompletableFuture<Conn> result = new CompletableFuture<>();
    ConnHandler handler = new ConnHandler(protocol, frames, index);
    WebSocketClientProtocolConfig config =
        WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .subprotocol(protocol.subprotocols())
            .version(WebSocketVersion.V13)
            .customHeaders(new DefaultHttpHeaders())
            .maxFramePayloadLength(MAX_FRAME)
            .handshakeTimeoutMillis(30_000)
            .dropPongFrames(true)
            // the generator measures delivery, not the server's UTF-8; checking every frame's took
            // about 4 % of its core
            .withUTF8Validator(false)
            .build();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    if (receiveBuffer > 0) {
      bootstrap.option(ChannelOption.SO_RCVBUF, receiveBuffer);
    }
    bootstrap.handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(handler.new CloseSpy())
                        .addLast(new WebSocketClientProtocolHandler(config))
                        .addLast(new WebSocketFrameAggregator(MAX_FRAME))
                        .addLast(handler);
                  }
                });
    bootstrap
        .connect(uri.getHost(), uri.getPort())
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
              }
              handler
                  .conn(((io.netty.channel.ChannelFuture) f).channel())
                  .ready
                  .whenComplete(
                      (c, e) -> {
                        if (e != null) {
                          result.completeExceptionally(e);
                        } else {
                          result.complete(c);
                        }
                      });
            });
    return result;
  }

  /** Closes the given connections and waits a little for them to go. */
  public static void closeAll(List<Conn> conns) {
    conns.forEach(Conn::close);
    for (Conn c : conns) {
      c.channel.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    subscriberLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
    publisherLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
  }
}
