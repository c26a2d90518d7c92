package io.syncline.bench.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;

/**
 * A server that does nothing but fan out: each text frame a client sends goes to every other client
 * as one frame. It runs on one event-loop thread. Against it, the load generator shows its own
 * ceiling. Usage: {@code TrivialServer PORT}; it exits when its standard input closes.
 */
public final class TrivialServer {

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    EventLoopGroup loop = new NioEventLoopGroup(1);
    ChannelGroup all = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    new ServerBootstrap()
        .group(loop)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 4096)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                    .addLast(new HttpServerCodec())
                    .addLast(new HttpObjectAggregator(65536))
                    .addLast(new WebSocketServerProtocolHandler("/", null, false, 1 << 20))
                    .addLast(
                        new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                          @Override
                          public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                            if (evt
                                instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                              all.add(ctx.channel());
                            }
                          }

                          @Override
                          protected void channelRead0(
                              ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                            Channel sender = ctx.channel();
                            all.writeAndFlush(
                                frame.retainedDuplicate(), ChannelMatchers.isNot(sender));
                          }
                        });
              }
            })
        .bind(new InetSocketAddress("127.0.0.1", port))
        .sync();
    System.out.println("trivial fan-out server on 127.0.0.1:" + port);
    System.in.transferTo(java.io.OutputStream.nullOutputStream()); // until the harness goes
    loop.shutdownGracefully();
    System.exit(0);
  }
}
