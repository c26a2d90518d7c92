package io.syncline.protocol;

import jakarta.json.JsonValue;

/** A request refused with an {@link ErrorCode}; becomes an {@code error} frame or an HTTP error. */
public class ProtocolException extends RuntimeException {

  private final ErrorCode code;
  private final transient JsonValue details;

  public ProtocolException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public ProtocolException(ErrorCode code, String message, JsonValue details) {
    super(message, null, false, false);
    this.code = code;
    this.details = details;
  }

  public ErrorCode code() {
    return code;
  }

  /** Extra structured detail, or null. */
  public JsonValue details() {
    return details;
  }
}
