package io.syncline.websocket;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

/** What every socket endpoint does: hand each event to the {@link ConnectionHandler}. */
public abstract class SocketEndpoint {

  @Inject private ConnectionHandler connections;

  /** What this endpoint speaks. */
  protected abstract EndpointProfile profile();

  @OnOpen
  public void open(Session session) {
    connections.open(session, profile());
  }

  @OnMessage
  public void message(Session session, String text) {
    connections.receive(session, text);
  }

  @OnMessage
  public void pong(Session session, PongMessage pong) {
    connections.heard(session);
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    connections.closed(session, reason);
  }

  @OnError
  public void error(Session session, Throwable failure) {
    connections.failed(session, failure);
  }
}
