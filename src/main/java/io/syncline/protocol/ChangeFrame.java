package io.syncline.protocol;

/**
 * The {@code change} frame made from a {@link Change}: seed 002's shape, live in the flat dialect,
 * and the reply to {@code sync}.
 */
@MessageType("change")
public record ChangeFrame(Change change) implements ServerMessage {}
