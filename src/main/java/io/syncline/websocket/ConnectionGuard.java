package io.syncline.websocket;

import io.syncline.config.SynclineConfig;
import io.syncline.protocol.RateLimitedException;
import io.syncline.security.TokenBucket;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One connection's message allowance (a token bucket) and its record of refused frames: too many
 * within ten seconds is sustained abuse.
 */
final class ConnectionGuard {

  private static final long ABUSE_WINDOW_NANOS = 10_000_000_000L;

  private final TokenBucket bucket;
  private final int abuseThreshold;
  private final Deque<Long> refusals = new ArrayDeque<>();

  ConnectionGuard(SynclineConfig config) {
    this.bucket = new TokenBucket(config.messagesPerSecond(), config.messageBurst());
    this.abuseThreshold = config.abuseThreshold();
  }

  /** Admits one frame, or refuses it with {@code rate_limited}. */
  void admit() {
    long wait = bucket.take();
    if (wait > 0) {
      throw new RateLimitedException(
          "over " + (int) bucket.perSecond() + " messages a second",
          wait,
          (int) bucket.perSecond());
    }
  }

  /** Records a refused frame; true once refusals amount to sustained abuse. */
  synchronized boolean refusedAndAbusive() {
    long now = System.nanoTime();
    refusals.addLast(now);
    while (!refusals.isEmpty() && now - refusals.peekFirst() > ABUSE_WINDOW_NANOS) {
      refusals.removeFirst();
    }
    return refusals.size() > abuseThreshold;
  }
}
