package io.syncline.records;

import io.syncline.protocol.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code merge} strategy's three-way merge of a client's patch into a record that changed since
 * the client's base: it succeeds when the two sides changed different top-level fields.
 */
public record ThreeWayMerge(JsonObject merged, List<String> accepted, List<String> overlapping) {

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
    List<String> overlapping = clientChanged.stream().filter(serverChanged::contains).toList();
    JsonObjectBuilder merged = JsonFactory.JSON.createObjectBuilder(current);
    for (String field : clientChanged) {
      JsonValue value = patch.get(field);
      if (value == JsonValue.NULL) {
        merged.remove(field);
      } else {
        merged.add(field, value);
      }
    }
    return new ThreeWayMerge(merged.build(), List.copyOf(clientChanged), overlapping);
  }

  boolean clean() {
    return overlapping.isEmpty();
  }
}
