package io.syncline.websocket;

import io.syncline.protocol.ChannelName;
import io.syncline.protocol.ChannelTargets;
import io.syncline.protocol.ClientMessage;
import io.syncline.protocol.ConflictResolve;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.MessageTypes;
import io.syncline.protocol.Ping;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.Push;
import io.syncline.protocol.PushFields;
import io.syncline.protocol.SchemaGet;
import io.syncline.protocol.Subscribe;
import io.syncline.protocol.SubscribeFields;
import io.syncline.protocol.Sync;
import io.syncline.protocol.Unsubscribe;
import io.syncline.protocol.ValidateField;
import io.syncline.protocol.ValidateForm;
import jakarta.websocket.Session;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What one socket endpoint speaks: its default dialect, the messages it accepts, and (where it
 * serves one kind of channel only) that kind.
 */
public enum EndpointProfile {
  /** {@code /api/ws}: every message family. */
  UNIFIED(Dialect.ENVELOPE, null, null),
  /**
   * {@code /api/sync/ws}: seed 002's entity-sync messages only, on {@code entity:} channels; a
   * push's conflict is settled there too.
   */
  ENTITY_SYNC(
      Dialect.FLAT,
      Set.of(
          Subscribe.class,
          Unsubscribe.class,
          Sync.class,
          Push.class,
          ConflictResolve.class,
          Ping.class),
      ChannelName.Kind.ENTITY),
  /**
   * {@code /schema_updates}: seed 000's schema broadcast; {@code schema:} channels only, which
   * {@code ?app=a,b} subscribes on open.
   */
  SCHEMA_UPDATES(
      Dialect.ENVELOPE,
      Set.of(Subscribe.class, Unsubscribe.class, SchemaGet.class, Ping.class),
      ChannelName.Kind.SCHEMA),
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
          Ping.class),
      null);

  private final Dialect defaultDialect;
  private final Set<Class<? extends ClientMessage>> accepted;
  private final ChannelName.Kind onlyKind;

  EndpointProfile(
      Dialect defaultDialect,
      Set<Class<? extends ClientMessage>> accepted,
      ChannelName.Kind onlyKind) {
    this.defaultDialect = defaultDialect;
    this.accepted = accepted;
    this.onlyKind = onlyKind;
  }

  Dialect defaultDialect() {
    return defaultDialect;
  }

  /**
   * Refuses, as an unknown type, a message this endpoint does not serve, and with {@code
   * bad_channel} a channel of another kind than the endpoint's.
   */
  void check(ClientMessage message) {
    if (accepted != null && !accepted.contains(message.getClass())) {
      throw new ProtocolException(
          ErrorCode.UNKNOWN_TYPE,
          "'" + MessageTypes.nameOf(message.getClass()) + "' is not served on this endpoint");
    }
    if (onlyKind != null && message instanceof ChannelTargets targets) {
      for (String target : targets.targets()) {
        if (ChannelName.parse(target).kind() != onlyKind) {
          throw new ProtocolException(
              ErrorCode.BAD_CHANNEL,
              "only " + ChannelName.of(onlyKind, "") + " channels are served on this endpoint",
              JsonFactory.JSON.createObjectBuilder().add("channel", target).build());
        }
      }
    }
  }

  /**
   * The channels a connection is subscribed to as it opens: {@code ?app=a,b} on /schema_updates.
   */
  List<String> channelsOnOpen(Session session) {
    List<String> apps = session.getRequestParameterMap().get("app");
    if (onlyKind != ChannelName.Kind.SCHEMA || apps == null) {
      return List.of();
    }
    return apps.stream()
        .flatMap(value -> Arrays.stream(value.split(",")))
        .map(String::trim)
        .filter(app -> !app.isEmpty())
        .distinct()
        .map(ChannelName::schema)
        .toList();
  }
}
