package io.syncline.websocket;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /api/sync/ws}: seed 002's entity-sync socket, kept for older clients. Flat dialect unless
 * {@code ?dialect=envelope}; subscribe, unsubscribe, sync, push and ping only.
 */
@ServerEndpoint(
    value = "/api/sync/ws",
    subprotocols = {"jwt", "v1"},
    configurator = HandshakeConfigurator.class)
public class EntitySyncEndpoint {

  @Inject private ConnectionHandler connections;

  @OnOpen
  public void open(Session session) {
    connections.open(session, EndpointProfile.ENTITY_SYNC);
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
    connections.closed(session);
  }

  @OnError
  public void error(Session session, Throwable failure) {
    connections.failed(session, failure);
  }
}
