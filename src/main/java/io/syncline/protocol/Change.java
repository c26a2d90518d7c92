package io.syncline.protocol;

/** A change in seed 002's shape: live in the flat dialect, and the reply to {@code sync}. */
@MessageType("change")
public record Change(ChangeData change) implements ServerMessage {}
