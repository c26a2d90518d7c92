package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Set;

/**
 * The first frame of every connection. {@code heartbeatInterval} is in milliseconds; {@code
 * maxFrameBytes} is the largest frame (in UTF-8 bytes) the server reads, so that a client can
 * refuse a larger one itself instead of having the connection closed with 1009.
 *
 * <p>Every field is written, {@code userId} as null when the socket opened without a token (the
 * contract lists the field). Encoded by hand, as JSON-B writes it (its fields in alphabetical
 * order, nulls written, as {@link JsonbNillable} asks): every connection is sent one as it opens,
 * and in a profile of a connection storm JSON-B's encoding of it was 1.3 % of the server's CPU.
 */
@JsonbNillable
@MessageType("connection:established")
public record ConnectionEstablished(
    String connectionId,
    String userId,
    long heartbeatInterval,
    int maxFrameBytes,
    String protocolVersion)
    implements ServerMessage, EncodedPayload {

  private static final Set<String> FIELDS =
      Set.of("connectionId", "userId", "heartbeatInterval", "maxFrameBytes", "protocolVersion");

  private static final Set<String> FLAT_FIELDS =
      Set.of(
          "connection_id", "user_id", "heartbeat_interval", "max_frame_bytes", "protocol_version");

  @Override
  public String payloadJson() {
    return json("connectionId", "heartbeatInterval", "maxFrameBytes", "protocolVersion", "userId");
  }

  @Override
  public Set<String> payloadFields() {
    return FIELDS;
  }

  @Override
  public String flatPayloadJson() {
    return json(
        "connection_id", "heartbeat_interval", "max_frame_bytes", "protocol_version", "user_id");
  }

  @Override
  public Set<String> flatPayloadFields() {
    return FLAT_FIELDS;
  }

  private String json(
      String connection, String interval, String maxFrame, String protocol, String user) {
    StringBuilder out = new StringBuilder(160).append('{');
    out.append('"').append(connection).append("\":").append(quoted(connectionId));
    out.append(",\"").append(interval).append("\":").append(heartbeatInterval);
    out.append(",\"").append(maxFrame).append("\":").append(maxFrameBytes);
    out.append(",\"").append(protocol).append("\":").append(quoted(protocolVersion));
    out.append(",\"").append(user).append("\":").append(quoted(userId));
    return out.append('}').toString();
  }

  private static String quoted(String value) {
    return value == null ? "null" : JsonText.quote(value);
  }
}
