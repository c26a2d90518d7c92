package io.syncline.protocol;

import jakarta.json.JsonValue;

/** One recovered change (a {@link Change} as {@code data}); the last frame is complete. */
@MessageType("recovery:response")
public record RecoveryResponse(long sequenceNumber, JsonValue data, boolean isComplete)
    implements ServerMessage {}
