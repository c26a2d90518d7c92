package io.syncline.protocol;

import jakarta.json.JsonObject;
import java.time.Instant;

/** A {@link ComponentNestedUpdate}, as the room's other members receive it. */
@MessageType("component:nested-updated")
public record ComponentNestedUpdated(
    String componentId,
    String rowId,
    String nestedComponentId,
    JsonObject updates,
    String updatedBy,
    Instant timestamp)
    implements ServerMessage {}
