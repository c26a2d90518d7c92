package io.syncline.testing;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client frames built as JSON rather than concatenated, for the tests and the benchmark (so it
 * depends on nothing but Jakarta JSON Processing): {@link #envelope} for the canonical dialect
 * ({@code {type, requestId, payload}}), {@link #flat} for seed 002's, {@link #frame} and the typed
 * builders for the common one with its fields at the top level. A hot path that sends one frame
 * many times with different values encodes it once as a {@link Template}.
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
      JsonValue data,
      Object... extra) {
    JsonObjectBuilder frame = Json.createObjectBuilder().add("type", "push");
    if (requestId != null) {
      frame.add("requestId", requestId);
    }
    frame.add("entity", entity).add("entityId", entityId).add("action", action).add("data", data);
    object(extra).forEach(frame::add);
    return frame.build().toString();
  }

  /** {@code subscribe} to several channels at once ({@code channels}). */
  public static String subscribeAll(String... channels) {
    return frame("subscribe", "channels", array((Object[]) channels));
  }

  /** {@code unsubscribe} from one channel. */
  public static String unsubscribe(String channel) {
    return frame("unsubscribe", "channel", channel);
  }

  /** {@code broadcast} of {@code event} on {@code channel}, with {@code data} unless null. */
  public static String broadcast(String channel, String event, Object data) {
    return data == null
        ? frame("broadcast", "channel", channel, "event", event)
        : frame("broadcast", "channel", channel, "event", event, "data", data);
  }

  /** {@code ping}, with a request id unless null. */
  public static String ping(String requestId) {
    return requestId == null ? frame("ping") : frame("ping", "requestId", requestId);
  }

  /** {@code presence:join} of a resource, with options as name/value pairs (metadata…). */
  public static String presenceJoin(String resource, Object... options) {
    JsonObjectBuilder frame =
        Json.createObjectBuilder().add("type", "presence:join").add("resource", resource);
    object(options).forEach(frame::add);
    return frame.build().toString();
  }

  /** {@code presence:leave} of a resource. */
  public static String presenceLeave(String resource) {
    return frame("presence:leave", "resource", resource);
  }

  /** {@code presence:heartbeat} for a resource. */
  public static String presenceHeartbeat(String resource) {
    return frame("presence:heartbeat", "resource", resource);
  }

  /**
   * {@code conflict:resolve} of a conflict: {@code choice} is {@code local}, {@code remote} or
   * {@code merged} (with {@code data}); requestId and data are left out when null.
   */
  public static String resolve(String requestId, String conflictId, String choice, Object data) {
    JsonObjectBuilder frame = Json.createObjectBuilder().add("type", "conflict:resolve");
    if (requestId != null) {
      frame.add("requestId", requestId);
    }
    frame.add("conflictId", conflictId).add("choice", choice);
    if (data != null) {
      frame.add("data", value(data));
    }
    return frame.build().toString();
  }

  /**
   * {@code recovery:request} in the envelope dialect: the changes after {@code lastSequenceNumber},
   * and before them the {@code missingRanges} given as start, end pairs.
   */
  public static String recovery(String requestId, long lastSequenceNumber, long... ranges) {
    JsonObjectBuilder payload =
        Json.createObjectBuilder().add("lastSequenceNumber", lastSequenceNumber);
    if (ranges.length > 0) {
      JsonArrayBuilder missing = Json.createArrayBuilder();
      for (int i = 0; i + 1 < ranges.length; i += 2) {
        missing.add(Json.createObjectBuilder().add("start", ranges[i]).add("end", ranges[i + 1]));
      }
      payload.add("missingRanges", missing);
    }
    return envelope("recovery:request", requestId, payload.build());
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
    if (value instanceof Double number) {
      return Json.createValue(number);
    }
    if (value instanceof Boolean flag) {
      return flag ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (value instanceof Object[] values) {
      return array(values);
    }
    if (value instanceof List<?> values) {
      return array(values.toArray());
    }
    if (value instanceof Map<?, ?> map) {
      JsonObjectBuilder object = Json.createObjectBuilder();
      map.forEach((k, v) -> object.add((String) k, value(v)));
      return object.build();
    }
    throw new IllegalArgumentException("not a JSON value: " + value);
  }

  /** A slot for raw JSON (a number, an object…) in a frame to be made a {@link Template}. */
  public static JsonValue raw(int index) {
    return Json.createValue("@@raw" + index + "@@");
  }

  /** A slot for a string's text in a frame to be made a {@link Template}. */
  public static String text(int index) {
    return "@@text" + index + "@@";
  }

  /** The frame, built with {@link #raw} and {@link #text} slots, encoded once. */
  public static Template template(String frame) {
    return new Template(frame);
  }

  /**
   * A frame encoded once whose slots are filled by plain concatenation: the frame the kit built, at
   * the cost of hand-written strings, for paths that send it at full speed.
   */
  public static final class Template {

    private static final Pattern SLOT = Pattern.compile("\"@@raw(\\d+)@@\"|@@text(\\d+)@@");

    private final String[] literals;
    private final int[] slots;
    private final boolean[] texts;
    private final int length;

    private Template(String frame) {
      List<String> literals = new ArrayList<>();
      List<Integer> slots = new ArrayList<>();
      List<Boolean> texts = new ArrayList<>();
      Matcher m = SLOT.matcher(frame);
      int at = 0;
      while (m.find()) {
        literals.add(frame.substring(at, m.start()));
        boolean text = m.group(2) != null;
        slots.add(Integer.parseInt(text ? m.group(2) : m.group(1)));
        texts.add(text);
        at = m.end();
      }
      literals.add(frame.substring(at));
      this.literals = literals.toArray(String[]::new);
      this.slots = slots.stream().mapToInt(Integer::intValue).toArray();
      this.texts = new boolean[texts.size()];
      for (int i = 0; i < this.texts.length; i++) {
        this.texts[i] = texts.get(i);
      }
      this.length = frame.length();
    }

    /**
     * The frame with slot {@code i} holding {@code values[i]}: raw JSON for a {@link #raw} slot, a
     * string's text for a {@link #text} slot (escaped if it needs to be).
     */
    public String fill(String... values) {
      StringBuilder out = new StringBuilder(length + 64);
      for (int i = 0; i < slots.length; i++) {
        out.append(literals[i]);
        String value = values[slots[i]];
        if (texts[i] && needsEscape(value)) {
          String quoted = Json.createValue(value).toString();
          out.append(quoted, 1, quoted.length() - 1);
        } else {
          out.append(value);
        }
      }
      return out.append(literals[slots.length]).toString();
    }

    private static boolean needsEscape(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '"' || c == '\\' || c < 0x20) {
          return true;
        }
      }
      return false;
    }
  }
}
