package io.syncline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateBucketsTest {

  private static int granted(RateBuckets buckets, String key, int nodes, int tries) {
    int granted = 0;
    for (int i = 0; i < tries; i++) {
      if (buckets.take(key, nodes, 0.001, 10) == 0) {
        granted++;
      }
    }
    return granted;
  }

  @Test
  void oneNodeAllowsTheWholeBurst() {
    assertEquals(10, granted(new RateBuckets(), "user:a", 1, 30));
  }

  @Test
  void eachOfNNodesAllowsItsShareSoTheClusterAllowsAboutOneBurst() {
    RateBuckets nodeA = new RateBuckets();
    RateBuckets nodeB = new RateBuckets();
    int total = granted(nodeA, "user:a", 2, 30) + granted(nodeB, "user:a", 2, 30);
    assertEquals(10, total);
    assertEquals(4, granted(new RateBuckets(), "user:a", 3, 30), "ceil(10 / 3)");
  }

  @Test
  void aBucketIsRemadeWhenTheClusterChangesSize() {
    RateBuckets buckets = new RateBuckets();
    assertEquals(5, granted(buckets, "user:a", 2, 30));
    assertEquals(10, granted(buckets, "user:a", 1, 30), "a fresh bucket for the new size");
  }
}
