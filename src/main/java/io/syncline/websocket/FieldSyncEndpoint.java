package io.syncline.websocket;

import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /api/field-sync/ws}: seed 002's field-sync socket, kept for older clients. Flat dialect
 * unless {@code ?dialect=envelope}; subscribe_fields, push_fields, validate_field, validate_form
 * and ping only.
 */
@ServerEndpoint(
    value = "/api/field-sync/ws",
    subprotocols = {"jwt", "v1"},
    configurator = HandshakeConfigurator.class)
public class FieldSyncEndpoint extends SocketEndpoint {

  @Override
  protected EndpointProfile profile() {
    return EndpointProfile.FIELD_SYNC;
  }
}
