package io.syncline.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** The end of each client pipeline: hands frames to the protocol until ready, then to a listener. */
final class ConnHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

  private final Protocol protocol;
  private final Supplier<FrameListener> listener;
  private final int index;
  private final long startNanos = System.nanoTime();
  private Conn conn;

  ConnHandler(Protocol protocol, Supplier<FrameListener> listener, int index) {
    this.protocol = protocol;
    this.listener = listener;
    this.index = index;
  }

  Conn conn(ChannelHandlerContext ctx) {
    return conn(ctx.channel());
  }

  Conn conn(io.netty.channel.Channel channel) {
    if (conn == null) {
      conn = new Conn(index, channel);
      conn.startNanos = startNanos;
    }
    return conn;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      conn(ctx).openNanos = System.nanoTime();
      protocol.opened(conn(ctx));
    } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      conn(ctx).ready.completeExceptionally(new IllegalStateException("handshake timed out"));
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
    Conn c = conn(ctx);
    ByteBuf content = frame.content();
    if (!c.ready.isDone()) {
      if (protocol.handshake(c, content.toString(StandardCharsets.UTF_8))) {
        c.ready.complete(c);
      }
      return;
    }
    if (protocol.control(c, content)) {
      return;
    }
    FrameListener target = listener.get();
    if (target != null) {
      target.frame(c, content);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    Conn c = conn(ctx);
    c.closed = true;
    c.ready.completeExceptionally(new IllegalStateException("closed before ready"));
    FrameListener target = listener.get();
    if (target != null) {
      target.closed(c);
    }
    super.channelInactive(ctx);
  }

  /**
   * Notes the status code of a close frame from the server, which the WebSocket handler after it
   * answers and swallows.
   */
  final class CloseSpy extends io.netty.channel.ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof io.netty.handler.codec.http.websocketx.CloseWebSocketFrame) {
        conn(ctx).closeCode =
            ((io.netty.handler.codec.http.websocketx.CloseWebSocketFrame) msg).statusCode();
      }
      super.channelRead(ctx, msg);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    conn(ctx).ready.completeExceptionally(cause);
    ctx.close();
  }
}
