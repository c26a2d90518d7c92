package io.syncline.protocol;

import jakarta.json.JsonObject;

/**
 * A room's current state, sent to a member when it subscribes (an extension to seed 001, so late
 * joiners start from what the others see): {@code data}, the merged top-level updates, and {@code
 * rows}, each row's nested components by id.
 */
@MessageType("component:state")
public record ComponentState(String componentId, JsonObject data, JsonObject rows)
    implements ServerMessage {}
