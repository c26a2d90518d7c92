package io.syncline.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Token buckets by key (a user, a channel), made on first use. Past {@value #MAX_KEYS} keys the map
 * is emptied: idle keys' buckets are cheap to rebuild, and the map cannot grow without bound.
 */
public final class RateBuckets {

  static final int MAX_KEYS = 100_000;

  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  /**
   * Takes a token from the key's bucket, made by {@code newBucket} if the key has none; returns 0
   * if there was one, else the milliseconds until there will be.
   */
  public long take(String key, Supplier<TokenBucket> newBucket) {
    if (buckets.size() > MAX_KEYS) {
      buckets.clear();
    }
    return buckets.computeIfAbsent(key, k -> newBucket.get()).take();
  }
}
