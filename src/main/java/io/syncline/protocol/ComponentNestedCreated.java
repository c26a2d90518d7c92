package io.syncline.protocol;

import jakarta.json.JsonObject;

/** A {@link ComponentNestedCreate}, as the whole room (the sender too) receives it. */
@MessageType("component:nested-created")
public record ComponentNestedCreated(
    String componentId, String rowId, JsonObject nestedComponent, String createdBy)
    implements ServerMessage {}
