package io.syncline.protocol;

import java.util.List;

/**
 * Who is present: the full list, or (in a room over the listing limit) only {@code count}, in which
 * case {@code users} is absent.
 */
@MessageType("presence:sync")
public record PresenceSync(String resource, List<PresenceUser> users, int count)
    implements ServerMessage {}
