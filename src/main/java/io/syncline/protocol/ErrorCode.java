package io.syncline.protocol;

import java.util.Locale;

/** Every error code a client can receive, with the HTTP status the REST API answers it with. */
public enum ErrorCode {
  /** The frame or body is not valid JSON. */
  BAD_JSON(400, true),
  /** Valid JSON, but not a message: not an object, no {@code type}, or a field missing or wrong. */
  BAD_MESSAGE(400, true),
  /** The {@code type} names no message this endpoint understands. */
  UNKNOWN_TYPE(400, true),
  /** The frame is over the size limit; the connection is closed with 1009. */
  TOO_LARGE(413, false),
  /** No valid credentials. */
  UNAUTHENTICATED(401, false),
  /** The caller may not do this. */
  FORBIDDEN(403, true),
  /** The channel name is not valid. */
  BAD_CHANNEL(400, true),
  /** A per-connection cap, such as the number of subscriptions, would be exceeded. */
  LIMIT_EXCEEDED(429, true),
  /** Too many requests; retry after {@code retryAfter} ms. */
  RATE_LIMITED(429, true),
  /** The thing asked for does not exist. */
  NOT_FOUND(404, true),
  /** The request is based on a version that is no longer current. */
  CONFLICT(409, true),
  /**
   * The versions asked for are no longer in the change log: reload a snapshot, then follow changes
   * from its version.
   */
  RESYNC_REQUIRED(410, true),
  /** The data was checked and refused. */
  VALIDATION_FAILED(422, true),
  /** The server failed; the request may be retried. */
  INTERNAL(500, true);

  private final int httpStatus;
  private final boolean recoverable;

  ErrorCode(int httpStatus, boolean recoverable) {
    this.httpStatus = httpStatus;
    this.recoverable = recoverable;
  }

  /** The code as it appears on the wire, e.g. {@code bad_json}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Whether the connection stays usable after this error. */
  public boolean recoverable() {
    return recoverable;
  }
}
