package io.syncline.protocol;

/** A push was applied (or had been, for a retried {@code mutationId}) at {@code version}. */
@MessageType("push_ack")
public record PushAck(String entity, String entityId, long version, String mutationId)
    implements ServerMessage {}
