package io.syncline.records;

import io.syncline.protocol.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code merge} strategy's field-level merge of a client's patch into a record that changed
 * since the client's base. Each top-level field the client changed is {@code accepted} (written)
 * unless the server changed it too, to another value: then it is {@code rejected} and the server's
 * value stays. A field both sides set to the same value is accepted.
 */
public record ThreeWayMerge(JsonObject merged, List<String> accepted, List<String> rejected) {

  static ThreeWayMerge of(JsonObject base, JsonObject current, JsonObject patch) {
    Set<String> clientChanged = new TreeSet<>();
    patch.forEach(
        (field, value) -> {
          if (!Objects.equals(value, base.get(field))) {
            clientChanged.add(field);
          }
        });
    Set<String> fields = new HashSet<>(base.keySet());
    fields.addAll(current.keySet());
    Set<String> serverChanged = new HashSet<>();
    for (String field : fields) {
      if (!Objects.equals(base.get(field), current.get(field))) {
        serverChanged.add(field);
      }
    }
    List<String> accepted = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    JsonObjectBuilder merged = JsonFactory.JSON.createObjectBuilder(current);
    for (String field : clientChanged) {
      JsonValue value = patch.get(field);
      boolean same =
          value == JsonValue.NULL ? !current.containsKey(field) : value.equals(current.get(field));
      if (serverChanged.contains(field) && !same) {
        rejected.add(field);
      } else {
        accepted.add(field);
        if (value == JsonValue.NULL) {
          merged.remove(field);
        } else {
          merged.add(field, value);
        }
      }
    }
    return new ThreeWayMerge(merged.build(), List.copyOf(accepted), List.copyOf(rejected));
  }
}
