package io.syncline.protocol;

/** The first frame of every connection. {@code heartbeatInterval} is in milliseconds. */
@MessageType("connection:established")
public record ConnectionEstablished(
    String connectionId, String userId, long heartbeatInterval, String protocolVersion)
    implements ServerMessage {}
