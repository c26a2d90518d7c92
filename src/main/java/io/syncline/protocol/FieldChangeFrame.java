package io.syncline.protocol;

/** A committed field change, to the subscribers of {@code fields:} channels and in catch-up. */
@MessageType("field_change")
public record FieldChangeFrame(FieldChange change) implements ServerMessage {}
