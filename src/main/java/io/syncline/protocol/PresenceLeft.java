package io.syncline.protocol;

/** A user is no longer present (its last tab or device left). */
@MessageType("presence:leave")
public record PresenceLeft(String resource, PresenceUser user) implements ServerMessage {}
