package io.syncline.records;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.store.FieldStamps;
import io.syncline.store.RecordIds;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A field push merged into a record, each field judged on its own by {@link LastWriterWins} against
 * its stored timestamp: {@code next} is the record with the winners applied, {@code written} the
 * winners, {@code applied} the winners and the fields already there, {@code lost} the losers.
 */
record FieldMerge(
    JsonObject next,
    List<FieldWrite> applied,
    List<FieldWrite> written,
    List<FieldOutcome.Lost> lost) {

  /**
   * @param before the record, null when it does not exist
   * @param changedAt when the record last changed; a field no write path stamped (written straight
   *     through JPA) dates from then
   */
  static FieldMerge of(
      JsonObject before,
      long changedAt,
      Map<String, FieldStamps.Stamp> stamps,
      List<FieldWrite> fields) {
    JsonObjectBuilder next =
        before == null
            ? JsonFactory.JSON.createObjectBuilder()
            : JsonFactory.JSON.createObjectBuilder(before);
    List<FieldWrite> applied = new ArrayList<>();
    List<FieldWrite> written = new ArrayList<>();
    List<FieldOutcome.Lost> lost = new ArrayList<>();
    for (FieldWrite field : fields) {
      JsonValue value = before == null ? null : before.get(field.field());
      FieldStamps.Stamp stamp = stamps.get(field.field());
      long storedAt = stamp != null ? stamp.timestamp() : value != null ? changedAt : 0;
      switch (LastWriterWins.judge(field, value, storedAt)) {
        case WINS -> {
          applied.add(field);
          written.add(field);
          if (field.unset()) {
            next.remove(field.field());
          } else {
            next.add(field.field(), field.value());
          }
        }
        case SAME -> applied.add(field);
        case LOSES -> lost.add(new FieldOutcome.Lost(field, value, storedAt));
      }
    }
    return new FieldMerge(next.build(), applied, written, lost);
  }

  /**
   * Refuses ({@code bad_message}, naming the field) a push that names a field twice or names the
   * id, sets a field to nothing, or is stamped more than {@code maxSkewMs} after {@code now}.
   */
  static void check(List<FieldWrite> fields, long now, long maxSkewMs) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      FieldWrite field = fields.get(i);
      String at = "field 'fields[" + i + "].";
      if (field.field().length() > RecordIds.MAX_FIELD_NAME) {
        throw bad(at + "field' is at most " + RecordIds.MAX_FIELD_NAME + " characters");
      }
      if (field.field().equals("id")) {
        throw bad(at + "field' may not be 'id': entityId names the record");
      }
      if (!seen.add(field.field())) {
        throw bad(at + "field' names '" + field.field() + "' a second time");
      }
      if (!field.unset() && (field.value() == null || field.value() == JsonValue.NULL)) {
        throw bad(at + "value' is required when action is set (unset removes a field)");
      }
      if (field.timestamp() > now + maxSkewMs) {
        throw bad(
            at
                + "timestamp' is "
                + (field.timestamp() - now)
                + " ms ahead of the server's clock; at most "
                + maxSkewMs
                + " ms are allowed");
      }
    }
  }

  /** The top-level fields whose value differs between two versions of a record (null: none). */
  static Set<String> changedFields(JsonObject before, JsonObject after) {
    Set<String> all = new HashSet<>();
    if (before != null) {
      all.addAll(before.keySet());
    }
    if (after != null) {
      all.addAll(after.keySet());
    }
    Set<String> changed = new TreeSet<>();
    for (String field : all) {
      JsonValue was = before == null ? null : before.get(field);
      JsonValue now = after == null ? null : after.get(field);
      if (was == null ? now != null : !was.equals(now)) {
        changed.add(field);
      }
    }
    changed.remove("id");
    return changed;
  }

  private static ProtocolException bad(String message) {
    return new ProtocolException(ErrorCode.BAD_MESSAGE, message);
  }
}
