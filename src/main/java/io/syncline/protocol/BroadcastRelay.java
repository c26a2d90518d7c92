package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;

/**
 * A {@link Broadcast} as the channel's other subscribers receive it; {@code timestamp} is epoch ms,
 * and {@code data} is written as null when the sender sent none (the contract lists the field).
 */
@JsonbNillable
@MessageType("broadcast")
public record BroadcastRelay(String event, JsonValue data, String from, long timestamp)
    implements ServerMessage {}
