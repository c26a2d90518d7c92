package io.syncline.protocol;

import jakarta.json.JsonObject;

/**
 * The entity's strategy settled a conflict by itself: {@code result} holds {@code merged} (the
 * record written), {@code accepted} and {@code rejected} (the client's fields kept and dropped).
 */
@MessageType("conflict:auto-merge")
public record ConflictAutoMerge(String conflictId, String strategy, JsonObject result)
    implements ServerMessage {}
