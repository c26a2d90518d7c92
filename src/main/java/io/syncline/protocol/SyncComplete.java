package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbNillable;

/**
 * Ends a {@code sync} reply; with {@code hasMore}, ask again since {@code lastVersion}. {@code
 * entity} is written as null for a sync of every entity the caller may read.
 */
@JsonbNillable
@MessageType("sync:complete")
public record SyncComplete(String entity, long lastVersion, boolean hasMore)
    implements ServerMessage {}
