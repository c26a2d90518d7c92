package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbNillable;

/**
 * A push was applied (or had been, for a retried {@code mutationId}) at {@code version}; {@code
 * mutationId} is written as null for a push that had none (the contract lists the field).
 */
@JsonbNillable
@MessageType("push_ack")
public record PushAck(String entity, String entityId, long version, String mutationId)
    implements ServerMessage {}
