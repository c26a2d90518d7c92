package io.syncline.protocol;

import jakarta.json.JsonObject;
import java.time.Instant;

/** A {@link ComponentUpdate}, as the room's other members receive it. */
@MessageType("component:updated")
public record ComponentUpdated(
    String componentId, JsonObject updates, String updatedBy, Instant timestamp)
    implements ServerMessage {}
