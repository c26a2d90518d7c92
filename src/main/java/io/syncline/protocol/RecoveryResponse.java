package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;

/**
 * One recovered change (a {@link Change} as {@code data}); the last frame is complete. A frame
 * without a change (an empty answer, or where an incomplete one stopped) writes {@code data} as
 * null, as the contract lists the field.
 */
@JsonbNillable
@MessageType("recovery:response")
public record RecoveryResponse(long sequenceNumber, JsonValue data, boolean isComplete)
    implements ServerMessage {}
