package io.syncline.websocket;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

/**
 * What every socket endpoint does: hand each event to the {@link ConnectionHandler}. Stateless:
 * {@link HandshakeConfigurator} gives every connection of an endpoint the same instance, so opening
 * a socket creates no endpoint object and no CDI creational context; the handler (an
 * application-scoped bean) is looked up once.
 */
public abstract class SocketEndpoint {

  /**
   * The context class loader a Tyrus socket's thread keeps between the frames of one read. Tyrus
   * re-arms the session's idle timer for every frame it reads, before the endpoint sees the frame,
   * through Payara's managed scheduled executor, which captures the thread's context: a scan of
   * every jar the context loader sees, half of a reading thread's time in the bench's push
   * scenario. The container sets the application's loader for each read and puts its own back when
   * the read ends; in between, a frame is handled with the application's loader and leaves the
   * platform loader, which has no jars to scan, for the frames after it.
   */
  private static final ClassLoader BETWEEN_FRAMES = ClassLoader.getPlatformClassLoader();

  private static final ClassLoader APPLICATION = SocketEndpoint.class.getClassLoader();

  private volatile ConnectionHandler connections;

  /** What this endpoint speaks. */
  protected abstract EndpointProfile profile();

  private ConnectionHandler connections() {
    ConnectionHandler handler = connections;
    if (handler == null) {
      handler = CDI.current().select(ConnectionHandler.class).get();
      connections = handler;
    }
    return handler;
  }

  @OnOpen
  public void open(Session session) {
    HandshakeConfigurator.restoreLoader(session.getUserProperties());
    connections().open(session, profile());
  }

  @OnMessage
  public void message(Session session, String text) {
    boolean lend = handlingFrame();
    try {
      connections().receive(session, text);
    } finally {
      frameHandled(lend);
    }
  }

  @OnMessage
  public void pong(Session session, PongMessage pong) {
    boolean lend = handlingFrame();
    try {
      connections().heard(session, pong);
    } finally {
      frameHandled(lend);
    }
  }

  /** Gives a Tyrus frame the application's loader back; whether this thread lends its loader. */
  private static boolean handlingFrame() {
    if (!HandshakeConfigurator.TYRUS) {
      return false;
    }
    Thread thread = Thread.currentThread();
    if (thread.getContextClassLoader() == BETWEEN_FRAMES) {
      thread.setContextClassLoader(APPLICATION);
    }
    return true;
  }

  private static void frameHandled(boolean lend) {
    if (lend) {
      Thread.currentThread().setContextClassLoader(BETWEEN_FRAMES);
    }
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    connections().closed(session, reason);
  }

  @OnError
  public void error(Session session, Throwable failure) {
    connections().failed(session, failure);
  }
}
