package io.syncline.websocket;

import io.syncline.protocol.BatchUpdate;
import io.syncline.protocol.ClientMessage;
import io.syncline.protocol.EncodedPayload;
import io.syncline.protocol.FrameEncoder;
import io.syncline.protocol.MessageTypes;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.RawPayload;
import io.syncline.protocol.RequestIds;
import jakarta.json.JsonValue;
import jakarta.websocket.Encoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The canonical dialect: {@code {type, channel, requestId, correlationId, payload, version,
 * timestamp}} with the message's fields in {@code payload} and {@code timestamp} in epoch ms.
 */
public final class EnvelopeEncoder implements Encoder.Text<Outbound>, FrameEncoder {

  /** Stateless; one instance serves every connection. */
  public static final EnvelopeEncoder INSTANCE = new EnvelopeEncoder();

  private static final AtomicLong BATCHES = new AtomicLong();

  @Override
  public String encode(Outbound frame) {
    return write(
        frame.message().type(),
        payload(frame.message()),
        frame.channel(),
        frame.ids(),
        frame.version(),
        System.currentTimeMillis());
  }

  @Override
  public boolean packs() {
    return true;
  }

  /**
   * {@code {"type":"batch:update","payload":{"batchId":…,"updates":[frame,…]},"timestamp":…}}: the
   * frames' text is copied in as it is, in order, without parsing it again.
   */
  @Override
  public String pack(List<String> frames) {
    return encode(
        Outbound.of(new BatchUpdate("b" + Long.toString(BATCHES.incrementAndGet(), 36), frames)));
  }

  /** A client request in this dialect, as a Java client sends it. */
  public String encodeRequest(ClientMessage message, RequestIds ids) {
    return write(
        MessageTypes.nameOf(message.getClass()),
        Codecs.CAMEL.toJson(message),
        null,
        ids,
        null,
        System.currentTimeMillis());
  }

  private static String payload(Object message) {
    if (message instanceof RawPayload raw) {
      JsonValue payload = raw.payload();
      return payload == null ? null : payload.toString();
    }
    if (message instanceof EncodedPayload encoded) {
      return encoded.payloadJson();
    }
    return Codecs.CAMEL.toJson(message);
  }

  private static String write(
      String type, String payload, String channel, RequestIds ids, Long version, long timestamp) {
    StringBuilder out = new StringBuilder(64 + (payload == null ? 0 : payload.length()));
    out.append("{\"type\":").append(Codecs.quote(type));
    if (channel != null) {
      out.append(",\"channel\":").append(Codecs.quote(channel));
    }
    if (ids.requestId() != null) {
      out.append(",\"requestId\":").append(Codecs.quote(ids.requestId()));
    }
    if (ids.correlationId() != null) {
      out.append(",\"correlationId\":").append(Codecs.quote(ids.correlationId()));
    }
    if (payload != null) {
      out.append(",\"payload\":").append(payload);
    }
    if (version != null) {
      out.append(",\"version\":").append(version);
    }
    return out.append(",\"timestamp\":").append(timestamp).append('}').toString();
  }
}
