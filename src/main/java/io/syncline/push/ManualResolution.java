package io.syncline.push;

import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ConflictManualResolution;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.Push;
import io.syncline.store.StoredRecord;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seed 003's {@code conflict:manual-resolution} for a conflict the pusher must settle: the two
 * versions to choose from and what a dialog shows (the fields on which they differ).
 */
final class ManualResolution {

  private ManualResolution() {}

  static ConflictManualResolution of(
      String conflictId, String actor, Push push, StoredRecord current) {
    JsonObject local =
        option("local", push.entityId(), push.baseVersion(), push.data(), actor, null, "local");
    JsonObject remote =
        option(
            "remote",
            current.id(),
            current.version(),
            current.data(),
            current.updatedBy(),
            current.updatedAt() > 0 ? Instant.ofEpochMilli(current.updatedAt()).toString() : null,
            "server");
    return new ConflictManualResolution(
        conflictId,
        List.of(local, remote),
        new ConflictManualResolution.Ui(
            push.entity() + " " + push.entityId() + " was changed meanwhile",
            description(push, current),
            fields(push, current.data())));
  }

  private static JsonObject option(
      String choice,
      String id,
      Long version,
      JsonValue data,
      String updatedBy,
      String updatedAt,
      String source) {
    JsonObjectBuilder metadata = JsonFactory.JSON.createObjectBuilder().add("source", source);
    if (updatedBy != null) {
      metadata.add("updatedBy", updatedBy);
    }
    if (updatedAt != null) {
      metadata.add("updatedAt", updatedAt);
    }
    JsonObjectBuilder option =
        JsonFactory.JSON.createObjectBuilder().add("choice", choice).add("id", id);
    if (version == null) {
      option.addNull("version");
    } else {
      option.add("version", version);
    }
    return option
        .add("data", data == null ? JsonValue.NULL : data)
        .add("metadata", metadata)
        .build();
  }

  private static String description(Push push, StoredRecord current) {
    String now = "The record is now at version " + current.version();
    String choices =
        ". Keep your change (local), keep the record as it is (remote), or send a merged record"
            + " (merged).";
    if (push.action() == ChangeAction.CREATE) {
      return "You created a record that exists already. " + now + choices;
    }
    String base = push.baseVersion() == null ? "an older version" : "version " + push.baseVersion();
    String what = push.action() == ChangeAction.DELETE ? "deletion" : "change";
    return "Your " + what + " was based on " + base + ". " + now + choices;
  }

  /**
   * The top-level fields on which keeping the client's change and keeping the record differ: an
   * update's fields that would change the record, every field a create or the record has with
   * another value, every field of a record the client deletes.
   */
  static List<String> fields(Push push, JsonObject record) {
    Set<String> fields = new TreeSet<>();
    JsonObject data =
        push.data() instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    if (push.action() == ChangeAction.DELETE) {
      fields.addAll(record.keySet());
    } else if (push.action() == ChangeAction.UPDATE) {
      // a merge patch: null removes a field
      data.forEach(
          (field, value) -> {
            JsonValue now = record.get(field);
            boolean same =
                value.getValueType() == JsonValue.ValueType.NULL
                    ? now == null || now.getValueType() == JsonValue.ValueType.NULL
                    : Objects.equals(value, now);
            if (!same) {
              fields.add(field);
            }
          });
    } else {
      Set<String> names = new TreeSet<>(data.keySet());
      names.addAll(record.keySet());
      for (String field : names) {
        if (!Objects.equals(data.get(field), record.get(field))) {
          fields.add(field);
        }
      }
    }
    return List.copyOf(fields);
  }
}
