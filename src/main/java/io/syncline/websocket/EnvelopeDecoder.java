package io.syncline.websocket;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.Inbound;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.Decoder;
import java.util.Set;

/**
 * The canonical dialect. The message's fields are {@code payload}; a frame without a {@code
 * payload} object has its other top-level fields taken as the payload (a client's {@code version},
 * as in {@code schema:get}, among them), and a top-level {@code channel} joins a payload that lacks
 * one.
 */
public final class EnvelopeDecoder implements Decoder.Text<Inbound> {

  /** Stateless; one instance serves every connection. */
  public static final EnvelopeDecoder INSTANCE = new EnvelopeDecoder();

  private static final Set<String> ENVELOPE_FIELDS =
      Set.of(
          "type",
          "requestId",
          "request_id",
          "correlationId",
          "correlation_id",
          "payload",
          "timestamp");

  @Override
  public Inbound decode(String text) {
    return FrameDecoding.decode(
        text, Codecs.CAMEL, EnvelopeDecoder::fields, EnvelopeDecoder::timestamp);
  }

  @Override
  public boolean willDecode(String text) {
    return true;
  }

  private static JsonObject fields(JsonObject frame) {
    JsonValue payload = frame.get("payload");
    if (payload == null || payload == JsonValue.NULL) {
      return FrameDecoding.without(frame, ENVELOPE_FIELDS);
    }
    if (!(payload instanceof JsonObject object)) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "field 'payload' must be an object");
    }
    if (!object.containsKey("channel") && frame.containsKey("channel")) {
      return JsonFactory.JSON
          .createObjectBuilder(object)
          .add("channel", frame.get("channel"))
          .build();
    }
    return object;
  }

  /** Seed 003 puts the timestamp in the payload; the envelope has it at the top level. */
  private static JsonValue timestamp(JsonObject frame) {
    if (frame.get("payload") instanceof JsonObject payload && payload.containsKey("timestamp")) {
      return payload.get("timestamp");
    }
    return frame.get("timestamp");
  }
}
