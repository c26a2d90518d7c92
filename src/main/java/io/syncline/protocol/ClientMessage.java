package io.syncline.protocol;

/**
 * A message a client sends. Each permitted record carries a {@link MessageType}; adding a message
 * family means adding a record here, and the codecs pick it up without change.
 */
public sealed interface ClientMessage
    permits Subscribe,
        Unsubscribe,
        Ping,
        Broadcast,
        Sync,
        RecoveryRequest,
        Push,
        ConflictResolve,
        Auth,
        PresenceJoin,
        PresenceLeave,
        PresenceHeartbeat,
        SchemaGet,
        SubscribeFields,
        PushFields,
        ValidateField,
        ValidateForm,
        ComponentUpdate,
        ComponentNestedUpdate,
        ComponentNestedCreate,
        ComponentNestedDelete,
        ComponentTyping,
        ComponentCursor {}
