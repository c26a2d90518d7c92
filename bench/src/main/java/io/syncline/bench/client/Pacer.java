package io.syncline.bench.client;

import java.util.concurrent.locks.LockSupport;

/** Offers messages at a fixed rate for a fixed time, then stops; returns how many it sent. */
public final class Pacer {

  private Pacer() {}

  /**
   * Sends {@code rate} messages a second for {@code millis}, numbered from {@code firstSeq}.
   * Between messages it sleeps until the next one is due: the pacer shares the load generator's
   * core with the subscribers' event loop, and waking every few hundred microseconds to look cost
   * that core about a tenth of its time at low rates. An interrupt ends it early.
   */
  public static long run(Publisher publisher, double rate, long millis, long firstSeq) {
    long start = System.nanoTime();
    long end = start + millis * 1_000_000L;
    long sent = 0;
    long total = (long) (rate * millis / 1000.0);
    while (sent < total) {
      long now = System.nanoTime();
      if (now >= end + 1_000_000_000L) {
        break; // fell more than a second behind: the publisher is the bottleneck
      }
      long due = Math.min(total, (long) (rate * (now - start) / 1e9) + 1);
      while (sent < due) {
        publisher.publish(firstSeq + sent++);
      }
      // message number `sent` (from 0) is due once rate × elapsed seconds reaches it
      long wait = start + (long) Math.ceil(sent * 1e9 / rate) - System.nanoTime();
      if (sent < total && wait > 0) {
        LockSupport.parkNanos(wait);
        if (Thread.currentThread().isInterrupted()) {
          break; // parking would return at once from now on
        }
      }
    }
    return sent;
  }
}
