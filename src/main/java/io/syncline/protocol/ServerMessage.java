package io.syncline.protocol;

import java.util.Set;

/**
 * A message the server sends. Each permitted record carries a {@link MessageType}; the encoders
 * take the wire name from there, except where a message overrides {@link #type()}.
 */
public sealed interface ServerMessage
    permits ConnectionEstablished,
        AuthzResult,
        ComponentUpdated,
        ComponentNestedUpdated,
        ComponentNestedCreated,
        ComponentNestedDeleted,
        ComponentTyped,
        ComponentCursorMoved,
        ComponentState,
        Subscribed,
        Unsubscribed,
        Pong,
        BroadcastRelay,
        Published,
        ErrorMessage,
        EntityChangeFrame,
        ChangeFrame,
        SyncComplete,
        RecoveryResponse,
        PushAck,
        ConflictDetect,
        ConflictAutoMerge,
        ConflictManualResolution,
        AuthOk,
        RateLimit,
        PresenceSync,
        PresenceJoined,
        PresenceLeft,
        PresenceDiff,
        BatchUpdate,
        SchemaUpdate,
        FieldChangeFrame,
        FieldPushAck,
        FieldConflict,
        ValidationResult,
        FormValidationResult {

  /** The frame's {@code type}. */
  default String type() {
    return MessageTypes.nameOf(getClass());
  }

  /** The message as the flat dialect writes it; the same message unless seed 002 differs. */
  default ServerMessage inFlatDialect() {
    return this;
  }

  /**
   * Fields (snake_case) the flat dialect leaves out when they are null, because seed 002's form of
   * the message has no such field; the envelope writes every field the contract lists.
   */
  default Set<String> flatOmitsWhenNull() {
    return Set.of();
  }
}
