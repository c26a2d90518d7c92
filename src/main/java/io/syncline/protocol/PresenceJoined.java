package io.syncline.protocol;

/** A user became present. */
@MessageType("presence:join")
public record PresenceJoined(String resource, PresenceUser user) implements ServerMessage {}
