package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A {@code push_fields} was judged: how many fields were applied, how many lost. */
@MessageType("field_push_ack")
@JsonbPropertyOrder({"entity", "entityId", "applied", "conflicts"})
public record FieldPushAck(String entity, String entityId, int applied, int conflicts)
    implements ServerMessage {}
