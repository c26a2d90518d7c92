package io.syncline.protocol;

import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * One committed change: the one model of a change from the store to the wire. Its stages: the
 * change log stores it as a {@code ChangeRow}; once committed, the change sequencer fires it as a
 * CDI event, once per change in version order; the frames made from it are {@link
 * EntityChangeFrame} (live, envelope dialect) and {@link ChangeFrame} (flat dialect, and catch-up).
 * A delete carries {@code data: null} (the contract names the field for every change).
 */
public record Change(
    String entity,
    String entityId,
    ChangeAction action,
    JsonValue data,
    long version,
    Instant timestamp,
    String actor) {

  public Change {
    data = data == null ? JsonValue.NULL : data;
  }
}
