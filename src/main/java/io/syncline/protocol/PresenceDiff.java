package io.syncline.protocol;

import java.util.List;

/**
 * Several presence changes coalesced into one frame: who joined, who left, and whose metadata
 * changed ({@code updates} carry only the changed metadata keys, a removed key as null).
 */
@MessageType("presence:diff")
public record PresenceDiff(
    String resource,
    List<PresenceUser> joins,
    List<PresenceUser> leaves,
    List<PresenceUser> updates)
    implements ServerMessage {}
