package io.syncline.protocol;

/** A subscription ended, at the client's request or because it is no longer allowed. */
@MessageType("unsubscribed")
public record Unsubscribed(String channel) implements ServerMessage {}
