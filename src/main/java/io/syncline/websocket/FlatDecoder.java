package io.syncline.websocket;

import io.syncline.protocol.Inbound;
import jakarta.json.JsonObject;
import jakarta.websocket.Decoder;
import java.util.Set;

/** Seed 002's flat dialect: every field but the envelope's is the message's, in snake_case. */
public final class FlatDecoder implements Decoder.Text<Inbound> {

  /** Stateless; one instance serves every connection. */
  public static final FlatDecoder INSTANCE = new FlatDecoder();

  private static final Set<String> ENVELOPE_FIELDS =
      Set.of("type", "request_id", "requestId", "correlation_id", "correlationId", "timestamp");

  @Override
  public Inbound decode(String text) {
    return FrameDecoding.decode(
        text, Codecs.SNAKE, FlatDecoder::fields, frame -> frame.get("timestamp"));
  }

  @Override
  public boolean willDecode(String text) {
    return true;
  }

  private static JsonObject fields(JsonObject frame) {
    return FrameDecoding.without(frame, ENVELOPE_FIELDS);
  }
}
