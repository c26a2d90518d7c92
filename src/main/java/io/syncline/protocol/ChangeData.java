package io.syncline.protocol;

import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * One committed change, as the change log holds it and {@code change} frames carry it. A delete
 * carries {@code data: null} (the contract names the field for every change).
 */
public record ChangeData(
    String entity,
    String entityId,
    ChangeAction action,
    JsonValue data,
    long version,
    Instant timestamp,
    String actor) {

  public ChangeData {
    data = data == null ? JsonValue.NULL : data;
  }
}
