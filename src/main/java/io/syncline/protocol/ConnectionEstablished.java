package io.syncline.protocol;

import java.util.Set;

/**
 * The first frame of every connection. {@code heartbeatInterval} is in milliseconds; {@code
 * maxFrameBytes} is the largest frame (in UTF-8 bytes) the server reads, so that a client can
 * refuse a larger one itself instead of having the connection closed with 1009.
 *
 * <p>Encoded by hand, as JSON-B writes it (its fields in alphabetical order, a null left out):
 * every connection is sent one as it opens, and in a profile of a connection storm JSON-B's
 * encoding of it was 1.3 % of the server's CPU.
 */
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
    if (connectionId != null) {
      out.append('"').append(connection).append("\":").append(JsonText.quote(connectionId));
      out.append(',');
    }
    out.append('"').append(interval).append("\":").append(heartbeatInterval);
    out.append(",\"").append(maxFrame).append("\":").append(maxFrameBytes);
    if (protocolVersion != null) {
      out.append(",\"").append(protocol).append("\":").append(JsonText.quote(protocolVersion));
    }
    if (userId != null) {
      out.append(",\"").append(user).append("\":").append(JsonText.quote(userId));
    }
    return out.append('}').toString();
  }
}
