package io.syncline.bench.scenario;

import java.util.List;

/**
 * The soak: connections churning for a while, sampled at intervals. Heap in bytes after a full GC
 * (-1 if unknown).
 */
public record SoakResult(
    String server,
    int connections,
    long millis,
    double messagesPerSec,
    long minLifeMillis,
    long maxLifeMillis,
    long connects,
    long connectFailures,
    long unexpectedCloses,
    long lost,
    long duplicates,
    List<Sample> samples) {

  /** The heap may grow this much from the first sample to the last and still count as flat. */
  public static final double FLAT_FRACTION = 0.10;

  public static final long FLAT_BYTES = 16L * 1024 * 1024;

  /** One sample: counters are totals since the start; p99 is of the interval since the last. */
  public record Sample(
      double seconds,
      long heapAfterGc,
      long rss,
      int openClients,
      double serverConnections,
      long connects,
      long connectFailures,
      long unexpectedCloses,
      long received,
      long lost,
      long duplicates,
      double p99) {}

  /** Errors of any kind: failed connects, closes the client did not ask for, lost, duplicated. */
  public long errors() {
    return connectFailures + unexpectedCloses + lost + duplicates;
  }

  /**
   * Whether the heap after GC at the last sample is within {@link #FLAT_FRACTION} (or {@link
   * #FLAT_BYTES}, whichever is more) of the first sample's, the first being taken after one
   * interval of churn (the warm-up). False with fewer than two samples or no heap readings.
   */
  public boolean heapFlat() {
    if (samples.size() < 2) {
      return false;
    }
    long first = samples.get(0).heapAfterGc();
    long last = samples.get(samples.size() - 1).heapAfterGc();
    if (first < 0 || last < 0) {
      return false;
    }
    return last - first <= Math.max(FLAT_BYTES, FLAT_FRACTION * first);
  }

  /** Heap growth from the first sample to the last, in bytes. */
  public long heapGrowth() {
    return samples.size() < 2
        ? 0
        : samples.get(samples.size() - 1).heapAfterGc() - samples.get(0).heapAfterGc();
  }
}
