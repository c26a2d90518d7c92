package io.syncline.testing;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Client frames for the tests, built as JSON rather than concatenated: {@link #envelope} for the
 * canonical dialect ({@code {type, requestId, payload}}), {@link #flat} for seed 002's.
 */
public final class Frames {

  private Frames() {}

  /** {@code {type, requestId?, payload}}. */
  public static String envelope(String type, String requestId, JsonObject payload) {
    JsonObjectBuilder frame = Json.createObjectBuilder().add("type", type);
    if (requestId != null) {
      frame.add("requestId", requestId);
    }
    return frame.add("payload", payload).build().toString();
  }

  /** {@code {type, request_id?, …fields}}, fields at the top level. */
  public static String flat(String type, String requestId, JsonObject fields) {
    JsonObjectBuilder frame = Json.createObjectBuilder().add("type", type);
    if (requestId != null) {
      frame.add("request_id", requestId);
    }
    fields.forEach(frame::add);
    return frame.build().toString();
  }

  /** {@code {type, …pairs}}: a client frame with its fields at the top level. */
  public static String frame(String type, Object... pairs) {
    JsonObjectBuilder frame = Json.createObjectBuilder().add("type", type);
    object(pairs).forEach(frame::add);
    return frame.build().toString();
  }

  /** {@code subscribe} to one channel, with options as name/value pairs (filters, throttle…). */
  public static String subscribe(String channel, Object... options) {
    JsonObjectBuilder frame =
        Json.createObjectBuilder().add("type", "subscribe").add("channel", channel);
    object(options).forEach(frame::add);
    return frame.build().toString();
  }

  /**
   * {@code push} of one record: {@code {type, requestId?, entity, entityId, action, data, …extra}}
   * (extra: baseVersion, mutationId…).
   */
  public static String push(
      String requestId,
      String entity,
      String entityId,
      String action,
      JsonObject data,
      Object... extra) {
    JsonObjectBuilder frame = Json.createObjectBuilder().add("type", "push");
    if (requestId != null) {
      frame.add("requestId", requestId);
    }
    frame.add("entity", entity).add("entityId", entityId).add("action", action).add("data", data);
    object(extra).forEach(frame::add);
    return frame.build().toString();
  }

  /** {@code sync} of an entity's changes after {@code since}. */
  public static String sync(String requestId, String entity, long since) {
    return frame("sync", "requestId", requestId, "entity", entity, "since", since);
  }

  /** A JSON object of name/value pairs: strings, numbers, booleans, JSON values, or null. */
  public static JsonObject object(Object... pairs) {
    JsonObjectBuilder object = Json.createObjectBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      object.add((String) pairs[i], value(pairs[i + 1]));
    }
    return object.build();
  }

  /** A JSON array of values as {@link #object} takes them. */
  public static jakarta.json.JsonArray array(Object... values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Object value : values) {
      array.add(value(value));
    }
    return array.build();
  }

  /** One field of a {@code push_fields}: {@code {field, value, action, timestamp}}. */
  public static JsonObject field(String field, Object value, String action, Object timestamp) {
    return value == null
        ? object("field", field, "action", action, "timestamp", timestamp)
        : object("field", field, "value", value, "action", action, "timestamp", timestamp);
  }

  private static JsonValue value(Object value) {
    if (value == null) {
      return JsonValue.NULL;
    }
    if (value instanceof JsonValue json) {
      return json;
    }
    if (value instanceof String text) {
      return Json.createValue(text);
    }
    if (value instanceof Integer number) {
      return Json.createValue(number);
    }
    if (value instanceof Long number) {
      return Json.createValue(number);
    }
    if (value instanceof Boolean flag) {
      return flag ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (value instanceof Map<?, ?> map) {
      JsonObjectBuilder object = Json.createObjectBuilder();
      map.forEach((k, v) -> object.add((String) k, value(v)));
      return object.build();
    }
    throw new IllegalArgumentException("not a JSON value: " + value);
  }
}
