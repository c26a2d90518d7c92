package io.syncline.protocol;

import jakarta.json.JsonValue;

/** A {@link ComponentCursor}, as the room's other members receive it. */
@MessageType("component:cursor")
public record ComponentCursorMoved(
    String componentId, String userId, String userEmail, JsonValue position)
    implements ServerMessage {}
