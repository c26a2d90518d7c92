package io.syncline.protocol;

import jakarta.json.JsonValue;

/** A refused or malformed request; {@code code} is an {@link ErrorCode} wire name. */
@MessageType("error")
public record ErrorMessage(
    String code, String message, JsonValue details, boolean recoverable, Long retryAfter)
    implements ServerMessage {

  public static ErrorMessage of(ProtocolException e) {
    return new ErrorMessage(
        e.code().wireName(),
        e.getMessage(),
        e.details(),
        e.code().recoverable(),
        e instanceof RateLimitedException limited ? limited.retryAfterMs() : null);
  }
}
