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

/** {@code /api/ws}: the multiplexed socket, envelope dialect unless {@code ?dialect=flat}. */
@ServerEndpoint(
    value = "/api/ws",
    subprotocols = {"jwt", "v1"},
    configurator = HandshakeConfigurator.class)
public class SyncEndpoint {

  @Inject private ConnectionHandler connections;

  @OnOpen
  public void open(Session session) {
    connections.open(session, EndpointProfile.UNIFIED);
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
