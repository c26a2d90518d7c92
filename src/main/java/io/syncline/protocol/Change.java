package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;

/**
 * One committed change: the one model of a change from the store to the wire. Its stages: the
 * change log stores it as a {@code ChangeRow}; once committed, the change sequencer fires it as a
 * CDI event, once per change in version order; the frames made from it are {@link
 * EntityChangeFrame} (live, envelope dialect) and {@link ChangeFrame} (flat dialect, and catch-up).
 * A delete carries {@code data: null} (the contract names the field for every change); its {@code
 * removed} is the record as it was deleted, if known, for the policy to tell who may see the delete
 * (a record's owner sees its deletion). Its {@code fields} are those a write through the write path
 * stamped (field-level sync). Neither is part of the frames.
 */
public record Change(
    String entity,
    String entityId,
    ChangeAction action,
    JsonValue data,
    long version,
    Instant timestamp,
    String actor,
    @JsonbTransient WrittenFields fields,
    @JsonbTransient JsonValue removed) {

  @JsonbCreator // the one JSON-B uses (the tests read frames back); fields are not in frames
  public Change {
    data = data == null ? JsonValue.NULL : data;
    fields = fields == null ? WrittenFields.NONE : fields;
  }

  /** A change that removed no known record. */
  public Change(
      String entity,
      String entityId,
      ChangeAction action,
      JsonValue data,
      long version,
      Instant timestamp,
      String actor,
      WrittenFields fields) {
    this(entity, entityId, action, data, version, timestamp, actor, fields, null);
  }

  /** A change that wrote no tracked fields. */
  public Change(
      String entity,
      String entityId,
      ChangeAction action,
      JsonValue data,
      long version,
      Instant timestamp,
      String actor) {
    this(entity, entityId, action, data, version, timestamp, actor, WrittenFields.NONE, null);
  }
}
