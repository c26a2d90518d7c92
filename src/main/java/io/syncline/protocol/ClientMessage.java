package io.syncline.protocol;

/**
 * A message a client sends. Each permitted record carries a {@link MessageType} and implements
 * {@link #accept}; adding a message means adding a record here and its method to {@link Visitor}.
 * The codecs pick it up without change; the socket's router then fails to compile until it routes
 * it.
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
        ComponentCursor,
        AuthzCheck {

  /** Hands this message to the visitor's method for its type. */
  void accept(Visitor visitor);

  /**
   * One method per client message. Implementing it is how a message gets handled everywhere: a new
   * message record added to {@link ClientMessage} does not compile until it has a {@code visit}
   * here, and then every visitor (the socket's router) does not compile until it handles it.
   */
  interface Visitor {

    void visit(Subscribe message);

    void visit(Unsubscribe message);

    void visit(Ping message);

    void visit(Broadcast message);

    void visit(Sync message);

    void visit(RecoveryRequest message);

    void visit(Push message);

    void visit(ConflictResolve message);

    void visit(Auth message);

    void visit(PresenceJoin message);

    void visit(PresenceLeave message);

    void visit(PresenceHeartbeat message);

    void visit(SchemaGet message);

    void visit(SubscribeFields message);

    void visit(PushFields message);

    void visit(ValidateField message);

    void visit(ValidateForm message);

    void visit(ComponentUpdate message);

    void visit(ComponentNestedUpdate message);

    void visit(ComponentNestedCreate message);

    void visit(ComponentNestedDelete message);

    void visit(ComponentTyping message);

    void visit(ComponentCursor message);

    void visit(AuthzCheck message);
  }
}
