package io.syncline.websocket;

import io.syncline.protocol.ClientMessage;
import io.syncline.protocol.ConstraintMessages;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.FrameException;
import io.syncline.protocol.Inbound;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.MessageTypes;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.RequestIds;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Function;

/**
 * The decoding steps both dialects share: parse, read the type and request ids, bind the fields to
 * the message record, validate it. Each dialect says only which fields are the message's.
 */
final class FrameDecoding {

  private FrameDecoding() {}

  /**
   * Decodes one client frame.
   *
   * @param fields picks the message's own fields out of the parsed frame
   * @param timestamp picks the client's timestamp value (or null) out of the parsed frame
   * @throws FrameException with the code PROTOCOL.md gives for what is wrong, and the frame's ids
   */
  static Inbound decode(
      String text,
      Jsonb jsonb,
      Function<JsonObject, JsonObject> fields,
      Function<JsonObject, JsonValue> timestamp) {
    JsonObject frame = parse(text);
    RequestIds ids = ids(frame);
    try {
      String type = type(frame);
      Class<? extends ClientMessage> messageClass =
          MessageTypes.clientType(type)
              .orElseThrow(
                  () ->
                      new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown type '" + type + "'"));
      ClientMessage message = bind(fields.apply(frame), messageClass, jsonb);
      return new Inbound(message, ids, epochMillis(timestamp.apply(frame)));
    } catch (ProtocolException e) {
      throw new FrameException(e, ids);
    }
  }

  /** The frame's fields other than {@code envelope}. */
  static JsonObject without(JsonObject frame, Set<String> envelope) {
    JsonObjectBuilder fields = JsonFactory.JSON.createObjectBuilder();
    frame.forEach(
        (name, value) -> {
          if (!envelope.contains(name)) {
            fields.add(name, value);
          }
        });
    return fields.build();
  }

  static JsonObject parse(String text) {
    JsonValue value;
    try (JsonReader reader = JsonFactory.JSON.createReader(new StringReader(text))) {
      value = reader.readValue();
    } catch (JsonException e) {
      throw new FrameException(
          new ProtocolException(ErrorCode.BAD_JSON, "not valid JSON: " + e.getMessage()),
          RequestIds.NONE);
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new FrameException(
          new ProtocolException(ErrorCode.BAD_MESSAGE, "a frame must be a JSON object"),
          RequestIds.NONE);
    }
    return value.asJsonObject();
  }

  static <T> T bind(JsonObject fields, Class<T> type, Jsonb jsonb) {
    T message;
    try {
      message = jsonb.fromJson(fields.toString(), type);
    } catch (JsonbException e) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "wrong field type: " + rootMessage(e));
    }
    Set<ConstraintViolation<T>> violations = Codecs.VALIDATOR.validate(message);
    if (!violations.isEmpty()) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, ConstraintMessages.forFrame(violations, type));
    }
    return message;
  }

  private static RequestIds ids(JsonObject frame) {
    return new RequestIds(
        text(frame, "requestId", "request_id"), text(frame, "correlationId", "correlation_id"));
  }

  private static String type(JsonObject frame) {
    JsonValue type = frame.get("type");
    if (type == null || type == JsonValue.NULL) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "field 'type' is required");
    }
    if (!(type instanceof JsonString name) || name.getString().isBlank()) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "field 'type' must be a non-empty string");
    }
    return name.getString();
  }

  /** A request id may be sent as a string or a number; anything else is ignored. */
  private static String text(JsonObject frame, String name, String alias) {
    JsonValue value = frame.containsKey(name) ? frame.get(name) : frame.get(alias);
    if (value instanceof JsonString string) {
      return string.getString();
    }
    if (value instanceof JsonNumber number) {
      return number.toString();
    }
    return null;
  }

  private static Long epochMillis(JsonValue value) {
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value instanceof JsonNumber number) {
      return number.longValue();
    }
    if (value instanceof JsonString string) {
      try {
        return Instant.parse(string.getString()).toEpochMilli();
      } catch (DateTimeParseException e) {
        // fall through to the error below
      }
    }
    throw new ProtocolException(
        ErrorCode.BAD_MESSAGE, "field 'timestamp' must be ISO-8601 or epoch milliseconds");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
  }
}
