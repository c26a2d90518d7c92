package io.syncline.websocket;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * What every socket endpoint does: hand each event to the {@link ConnectionHandler}. Stateless:
 * {@link HandshakeConfigurator} gives every connection of an endpoint the same instance, so opening
 * a socket creates no endpoint object and no CDI creational context; the handler (an
 * application-scoped bean) is looked up once.
 */
public abstract class SocketEndpoint {

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
    connections().open(session, profile());
  }

  @OnMessage
  public void message(Session session, String text) {
    connections().receive(session, text);
  }

  @OnMessage
  public void binary(Session session, ByteBuffer data) {
    connections().receiveBinary(session, data.remaining());
  }

  @OnMessage
  public void pong(Session session, PongMessage pong) {
    connections().heard(session, pong);
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
