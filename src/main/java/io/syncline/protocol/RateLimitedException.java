package io.syncline.protocol;

/** A request over a rate limit; the client may retry after {@code retryAfterMs}. */
public class RateLimitedException extends ProtocolException {

  private final long retryAfterMs;
  private final int limit;

  public RateLimitedException(String message, long retryAfterMs, int limit) {
    super(ErrorCode.RATE_LIMITED, message);
    this.retryAfterMs = retryAfterMs;
    this.limit = limit;
  }

  public long retryAfterMs() {
    return retryAfterMs;
  }

  /** The limit that was hit, per second. */
  public int limit() {
    return limit;
  }
}
