package io.syncline.protocol;

/** Ends a {@code sync} reply; with {@code hasMore}, ask again since {@code lastVersion}. */
@MessageType("sync:complete")
public record SyncComplete(String entity, long lastVersion, boolean hasMore)
    implements ServerMessage {}
