package io.syncline.records;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * What a field-level write led to: the fields applied (written, or already there from the same
 * write), the fields that lost to newer ones, and the version of the change written (null when
 * nothing changed).
 */
public record FieldOutcome(
    String entity, String id, Long version, List<FieldWrite> applied, List<Lost> conflicts) {

  /** A field that was not written: the record keeps its value (null: unset) and timestamp. */
  public record Lost(FieldWrite pushed, JsonValue serverValue, long serverTimestamp) {}
}
