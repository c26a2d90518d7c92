package io.syncline.security;

/**
 * A token bucket: {@code perSecond} tokens a second, holding at most {@code burst}. Thread-safe.
 */
public final class TokenBucket {

  private final double perSecond;
  private final int burst;
  private double tokens;
  private long refilledAt = System.nanoTime();

  public TokenBucket(double perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
  }

  /** Takes a token; returns 0 if there was one, else the milliseconds until there will be. */
  public synchronized long take() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond * 1000));
  }

  public double perSecond() {
    return perSecond;
  }
}
