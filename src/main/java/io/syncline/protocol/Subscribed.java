package io.syncline.protocol;

/**
 * A subscription took effect. {@code version} is the last change delivered before it did: every
 * later change on the channel follows live, none before it does.
 */
@MessageType("subscribed")
public record Subscribed(String channel, Long version) implements ServerMessage {}
