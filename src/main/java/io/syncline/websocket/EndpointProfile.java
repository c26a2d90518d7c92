package io.syncline.websocket;

import io.syncline.protocol.ClientMessage;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.MessageTypes;
import io.syncline.protocol.Ping;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.Push;
import io.syncline.protocol.PushFields;
import io.syncline.protocol.Subscribe;
import io.syncline.protocol.SubscribeFields;
import io.syncline.protocol.Sync;
import io.syncline.protocol.Unsubscribe;
import io.syncline.protocol.ValidateField;
import io.syncline.protocol.ValidateForm;
import java.util.Set;

/** What one socket endpoint speaks: its default dialect and the messages it accepts. */
public enum EndpointProfile {
  /** {@code /api/ws}: every message family. */
  UNIFIED(Dialect.ENVELOPE, null),
  /** {@code /api/sync/ws}: seed 002's entity-sync messages only. */
  ENTITY_SYNC(
      Dialect.FLAT, Set.of(Subscribe.class, Unsubscribe.class, Sync.class, Push.class, Ping.class)),
  /**
   * {@code /api/field-sync/ws}: seed 002's field-sync messages, and its form validation (the seed
   * puts both beside entity sync; a field-sync client validating its forms keeps one socket).
   */
  FIELD_SYNC(
      Dialect.FLAT,
      Set.of(
          SubscribeFields.class,
          PushFields.class,
          ValidateField.class,
          ValidateForm.class,
          Ping.class));

  private final Dialect defaultDialect;
  private final Set<Class<? extends ClientMessage>> accepted;

  EndpointProfile(Dialect defaultDialect, Set<Class<? extends ClientMessage>> accepted) {
    this.defaultDialect = defaultDialect;
    this.accepted = accepted;
  }

  Dialect defaultDialect() {
    return defaultDialect;
  }

  /** Refuses, as an unknown type, a message this endpoint does not serve. */
  void check(ClientMessage message) {
    if (accepted != null && !accepted.contains(message.getClass())) {
      throw new ProtocolException(
          ErrorCode.UNKNOWN_TYPE,
          "'" + MessageTypes.nameOf(message.getClass()) + "' is not served on this endpoint");
    }
  }
}
