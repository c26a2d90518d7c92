package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbNillable;

/**
 * The answer to {@link Ping}; {@code latency} is server time minus the ping's timestamp, in ms.
 * Both fields are always written, null when the ping had no sequence number or no timestamp: the
 * contract lists them.
 */
@JsonbNillable
@MessageType("pong")
public record Pong(Long sequenceNumber, Long latency) implements ServerMessage {}
