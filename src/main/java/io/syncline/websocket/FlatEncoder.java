package io.syncline.websocket;

import io.syncline.protocol.ClientMessage;
import io.syncline.protocol.EncodedPayload;
import io.syncline.protocol.FrameEncoder;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.MessageTypes;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.RawPayload;
import io.syncline.protocol.RequestIds;
import io.syncline.protocol.ServerMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.websocket.Encoder;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Seed 002's flat dialect: no envelope; {@code type}, {@code request_id} (where seed 002's replies
 * have it), the message's fields and then {@code channel}, {@code correlation_id}, {@code version}
 * and an ISO-8601 {@code timestamp}, all snake_case at the top level. Where a message has a field
 * of the same name as an envelope field, the message's own field is the one written.
 */
public final class FlatEncoder implements Encoder.Text<Outbound>, FrameEncoder {

  /** Stateless; one instance serves every connection. */
  public static final FlatEncoder INSTANCE = new FlatEncoder();

  @Override
  public String encode(Outbound frame) {
    ServerMessage message = frame.message().inFlatDialect();
    return write(
        message.type(),
        message,
        frame.channel(),
        frame.ids(),
        frame.version(),
        System.currentTimeMillis());
  }

  /** A client request in this dialect, as a seed 002 client sends it. */
  public String encodeRequest(ClientMessage message, RequestIds ids) {
    return write(
        MessageTypes.nameOf(message.getClass()),
        message,
        null,
        ids,
        null,
        System.currentTimeMillis());
  }

  private static String write(
      String type, Object message, String channel, RequestIds ids, Long version, long timestamp) {
    StringBuilder out = new StringBuilder(128).append("{\"type\":").append(Codecs.quote(type));
    if (ids.requestId() != null && !ownFields(message).contains("request_id")) {
      out.append(",\"request_id\":").append(Codecs.quote(ids.requestId()));
    }
    Set<String> written = writeFields(message, out);
    written.add("request_id");
    appendIfFree(out, written, "channel", channel == null ? null : Codecs.quote(channel));
    appendIfFree(out, written, "correlation_id", quoted(ids.correlationId()));
    appendIfFree(out, written, "version", version == null ? null : version.toString());
    appendIfFree(
        out, written, "timestamp", Codecs.quote(Instant.ofEpochMilli(timestamp).toString()));
    return out.append('}').toString();
  }

  /** The names of the message's own top-level fields. */
  private static Set<String> ownFields(Object message) {
    if (message instanceof RawPayload raw) {
      return raw.payload() instanceof JsonObject object ? object.keySet() : Set.of("payload");
    }
    if (message instanceof EncodedPayload encoded) {
      return encoded.flatPayloadFields();
    }
    return Codecs.snakeFields(message.getClass());
  }

  /** Appends the message's own fields and returns their names (a set that may be added to). */
  private static Set<String> writeFields(Object message, StringBuilder out) {
    if (message instanceof RawPayload raw) {
      return writeRaw(raw.payload(), out);
    }
    if (message instanceof EncodedPayload encoded) {
      appendFields(encoded.flatPayloadJson(), out);
      return new HashSet<>(encoded.flatPayloadFields());
    }
    String fields = Codecs.SNAKE.toJson(message);
    if (message instanceof ServerMessage server && !server.flatOmitsWhenNull().isEmpty()) {
      fields = withoutNulls(fields, server.flatOmitsWhenNull());
    }
    appendFields(fields, out);
    return new HashSet<>(Codecs.snakeFields(message.getClass()));
  }

  /** The object's text without those of {@code names} whose value is null. */
  private static String withoutNulls(String object, Set<String> names) {
    JsonObject fields = JsonFactory.readObject(object);
    JsonObjectBuilder kept = JsonFactory.JSON.createObjectBuilder();
    fields.forEach(
        (name, value) -> {
          if (!(names.contains(name) && value == JsonValue.NULL)) {
            kept.add(name, value);
          }
        });
    return kept.build().toString();
  }

  /** Appends a JSON object's fields, from its text, after what is written already. */
  private static void appendFields(String object, StringBuilder out) {
    if (object.length() > 2) {
      out.append(',').append(object, 1, object.length() - 1);
    }
  }

  /** An object payload's fields go to the top level; any other payload under {@code payload}. */
  private static Set<String> writeRaw(JsonValue payload, StringBuilder out) {
    if (payload instanceof JsonObject object) {
      Set<String> names = new HashSet<>();
      for (Map.Entry<String, JsonValue> field : object.entrySet()) {
        if (!field.getKey().equals("type")) {
          out.append(',').append(Codecs.quote(field.getKey())).append(':').append(field.getValue());
          names.add(field.getKey());
        }
      }
      return names;
    }
    if (payload != null) {
      out.append(",\"payload\":").append(payload);
    }
    return new HashSet<>(Set.of("payload"));
  }

  private static void appendIfFree(StringBuilder out, Set<String> taken, String name, String json) {
    if (json != null && !taken.contains(name)) {
      out.append(",\"").append(name).append("\":").append(json);
    }
  }

  private static String quoted(String value) {
    return value == null ? null : Codecs.quote(value);
  }
}
