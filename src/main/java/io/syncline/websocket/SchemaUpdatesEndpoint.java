package io.syncline.websocket;

import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /schema_updates}: seed 000's schema socket. Envelope dialect; {@code subscribe} and {@code
 * unsubscribe} to {@code schema:} channels, {@code schema:get} and {@code ping}; {@code ?app=a,b}
 * subscribes to those apps on open.
 */
@ServerEndpoint(
    value = "/schema_updates",
    subprotocols = {"jwt", "v1"},
    configurator = HandshakeConfigurator.class)
public class SchemaUpdatesEndpoint extends SocketEndpoint {

  @Override
  protected EndpointProfile profile() {
    return EndpointProfile.SCHEMA_UPDATES;
  }
}
