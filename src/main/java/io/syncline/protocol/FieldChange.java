package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * One field of a committed change: its new value (null when {@code action} is {@code unset}), the
 * change's version, and the field's timestamp (a field push's own, else the commit time).
 */
@JsonbNillable
@JsonbPropertyOrder({
  "entity",
  "entityId",
  "field",
  "value",
  "action",
  "version",
  "timestamp",
  "actor"
})
public record FieldChange(
    String entity,
    String entityId,
    String field,
    JsonValue value,
    String action,
    long version,
    Instant timestamp,
    String actor) {}
