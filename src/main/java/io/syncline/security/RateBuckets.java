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

  /**
   * {@link #take} for an allowance shared by {@code nodes} cluster nodes without asking them: each
   * node allows its share, {@code perSecond / nodes} (burst likewise, at least 1). Spread over the
   * nodes (a load balancer without sticky sessions) a key gets about the whole allowance; all on
   * one node, it gets that node's share. A bucket is remade when the cluster's size changes.
   */
  public long take(String key, int nodes, double perSecond, int burst) {
    int n = Math.max(1, nodes);
    return take(
        n == 1 ? key : key + "#" + n,
        () -> new TokenBucket(perSecond / n, Math.max(1, (int) Math.ceil((double) burst / n))));
  }
}
