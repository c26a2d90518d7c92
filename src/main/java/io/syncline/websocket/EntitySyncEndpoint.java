package io.syncline.websocket;

import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /api/sync/ws}: seed 002's entity-sync socket, kept for older clients. Flat dialect unless
 * {@code ?dialect=envelope}; subscribe, unsubscribe, sync, push and ping only.
 */
@ServerEndpoint(
    value = "/api/sync/ws",
    subprotocols = {"jwt", "v1"},
    configurator = HandshakeConfigurator.class)
public class EntitySyncEndpoint extends SocketEndpoint {

  @Override
  protected EndpointProfile profile() {
    return EndpointProfile.ENTITY_SYNC;
  }
}
