package io.syncline.protocol;

import jakarta.json.JsonValue;

/**
 * A {@link Broadcast} as the channel's other subscribers receive it; {@code timestamp} is epoch ms.
 */
@MessageType("broadcast")
public record BroadcastRelay(String event, JsonValue data, String from, long timestamp)
    implements ServerMessage {}
