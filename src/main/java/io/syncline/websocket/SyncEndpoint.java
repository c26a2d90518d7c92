package io.syncline.websocket;

import jakarta.websocket.server.ServerEndpoint;

/** {@code /api/ws}: the multiplexed socket, envelope dialect unless {@code ?dialect=flat}. */
@ServerEndpoint(
    value = "/api/ws",
    subprotocols = {"jwt", "v1"},
    configurator = HandshakeConfigurator.class)
public class SyncEndpoint extends SocketEndpoint {

  @Override
  protected EndpointProfile profile() {
    return EndpointProfile.UNIFIED;
  }
}
