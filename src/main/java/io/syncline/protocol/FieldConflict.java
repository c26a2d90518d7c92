package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * A pushed field lost to a newer one and was not written; values are null where the field is unset.
 * Fields in seed 002's order, nulls written.
 */
@MessageType("field_conflict")
@JsonbNillable
@JsonbPropertyOrder({
  "entity",
  "entityId",
  "field",
  "serverValue",
  "serverTimestamp",
  "clientValue",
  "clientTimestamp"
})
public record FieldConflict(
    String entity,
    String entityId,
    String field,
    JsonValue serverValue,
    Instant serverTimestamp,
    JsonValue clientValue,
    Instant clientTimestamp)
    implements ServerMessage {}
