package io.syncline.protocol;

import jakarta.json.JsonObject;

/**
 * A push met a newer version and nothing was written. {@code versions} holds {@code local} (what
 * the client sent, at its base version) and {@code remote} (the server's record): each {@code
 * {version, data}}. Settle it with {@code conflict:resolve}.
 */
@MessageType("conflict:detect")
public record ConflictDetect(
    String conflictId, String entityType, String entityId, JsonObject versions, String conflictType)
    implements ServerMessage {}
