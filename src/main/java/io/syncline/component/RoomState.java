package io.syncline.component;

import io.syncline.protocol.ComponentState;
import io.syncline.protocol.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One component's state: its top-level fields and its rows' nested components, changed only by
 * merging what members send (a {@code null} value removes a field). Not thread-safe: the owner
 * locks it.
 */
final class RoomState {

  private JsonObject data = JsonValue.EMPTY_JSON_OBJECT;
  private final Map<String, Map<String, JsonObject>> rows = new LinkedHashMap<>();

  /**
   * In a cluster: which state this is ({@link #stamp} picks it when the state is first made; a
   * state dropped after its TTL and made again is another one, whose sequence starts again), and
   * how many changes it has had. A relayed change carries both, so a node can tell whether a member
   * was already told of it in the state it joined with ({@link JoinedRooms}).
   */
  private String epoch = "";

  private long seq;

  void update(JsonObject updates) {
    data = merge(data, updates);
  }

  /** Merges into a nested component; false if the row has no such component. */
  boolean updateNested(String rowId, String nestedId, JsonObject updates) {
    Map<String, JsonObject> row = rows.get(rowId);
    if (row == null || !row.containsKey(nestedId)) {
      return false;
    }
    row.put(nestedId, merge(row.get(nestedId), updates));
    return true;
  }

  void create(String rowId, String nestedId, JsonObject component) {
    rows.computeIfAbsent(rowId, r -> new LinkedHashMap<>()).put(nestedId, component);
  }

  /** Removes a nested component; false if there was none. */
  boolean delete(String rowId, String nestedId) {
    Map<String, JsonObject> row = rows.get(rowId);
    if (row == null || row.remove(nestedId) == null) {
      return false;
    }
    if (row.isEmpty()) {
      rows.remove(rowId);
    }
    return true;
  }

  /**
   * Counts one more change (in a cluster, after the change was applied to a state read from the
   * map); a state without an epoch gets one.
   */
  void stamp() {
    if (epoch.isEmpty()) {
      epoch = UUID.randomUUID().toString();
    }
    seq++;
  }

  String epoch() {
    return epoch;
  }

  long seq() {
    return seq;
  }

  boolean isEmpty() {
    return data.isEmpty() && rows.isEmpty();
  }

  ComponentState view(String componentId) {
    JsonObjectBuilder all = JsonFactory.JSON.createObjectBuilder();
    rows.forEach(
        (rowId, row) -> {
          JsonObjectBuilder components = JsonFactory.JSON.createObjectBuilder();
          row.forEach(components::add);
          all.add(rowId, components);
        });
    return new ComponentState(componentId, data, all.build());
  }

  /**
   * The state as JSON, {@code {"data":{…},"rows":{row:{id:component}},"epoch":…,"seq":n}}, as kept
   * in a cluster.
   */
  String toJson() {
    ComponentState view = view("");
    return JsonFactory.JSON
        .createObjectBuilder()
        .add("data", view.data())
        .add("rows", view.rows())
        .add("epoch", epoch)
        .add("seq", seq)
        .build()
        .toString();
  }

  /** A state {@link #toJson} wrote. */
  static RoomState fromJson(String json) {
    JsonObject all = JsonFactory.readObject(json);
    RoomState state = new RoomState();
    state.data = all.getJsonObject("data");
    state.epoch = all.getString("epoch", "");
    state.seq = all.containsKey("seq") ? all.getJsonNumber("seq").longValue() : 0;
    all.getJsonObject("rows")
        .forEach(
            (rowId, row) ->
                row.asJsonObject()
                    .forEach(
                        (nestedId, component) ->
                            state.create(rowId, nestedId, component.asJsonObject())));
    return state;
  }

  /** The size of the state as JSON, in UTF-16 units (close enough to bytes for a cap). */
  int size() {
    int size = data.toString().length();
    for (Map<String, JsonObject> row : rows.values()) {
      for (JsonObject component : row.values()) {
        size += component.toString().length();
      }
    }
    return size;
  }

  /** Takes {@code other}'s content (its own copy's, after a change was checked). */
  void become(RoomState other) {
    data = other.data;
    epoch = other.epoch;
    seq = other.seq;
    rows.clear();
    rows.putAll(other.rows);
  }

  RoomState copy() {
    RoomState copy = new RoomState();
    copy.data = data;
    copy.epoch = epoch;
    copy.seq = seq;
    rows.forEach((rowId, row) -> copy.rows.put(rowId, new LinkedHashMap<>(row)));
    return copy;
  }

  private static JsonObject merge(JsonObject target, JsonObject updates) {
    JsonObjectBuilder merged = JsonFactory.JSON.createObjectBuilder(target);
    updates.forEach(
        (key, value) -> {
          if (value == JsonValue.NULL) {
            merged.remove(key);
          } else {
            merged.add(key, value);
          }
        });
    return merged.build();
  }
}
