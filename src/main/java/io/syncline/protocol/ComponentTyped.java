package io.syncline.protocol;

/** A {@link ComponentTyping}, as the room's other members receive it. */
@MessageType("component:typing")
public record ComponentTyped(String componentId, String userId, String userEmail)
    implements ServerMessage {}
