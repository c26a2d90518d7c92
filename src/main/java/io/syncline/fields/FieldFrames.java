package io.syncline.fields;

import io.syncline.protocol.Change;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.FieldChange;
import io.syncline.protocol.FieldChangeFrame;
import io.syncline.protocol.WrittenFields;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;

/** Builds {@code field_change} messages from a committed change and the fields it stamped. */
final class FieldFrames {

  private FieldFrames() {}

  /** {@code fields:{Entity}}, the channel of an entity's field changes. */
  static String channel(String entity) {
    return ChannelName.fields(entity);
  }

  /** {@code fields:{Entity}:{id}}, the channel of one record's field changes. */
  static String channel(String entity, String id) {
    return ChannelName.fields(entity, id);
  }

  /** The change of one field; its value is the one the change left in the record. */
  static FieldChangeFrame of(Change change, WrittenFields.Field field) {
    JsonValue value =
        field.unset() || !(change.data() instanceof JsonObject record)
            ? null
            : record.get(field.name());
    return new FieldChangeFrame(
        new FieldChange(
            change.entity(),
            change.entityId(),
            field.name(),
            value,
            value == null ? "unset" : "set",
            change.version(),
            Instant.ofEpochMilli(field.timestamp()),
            change.actor()));
  }
}
