package io.syncline.protocol;

/** A subscription took effect. */
@MessageType("subscribed")
public record Subscribed(String channel) implements ServerMessage {}
