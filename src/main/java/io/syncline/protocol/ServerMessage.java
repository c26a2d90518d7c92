package io.syncline.protocol;

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
}
