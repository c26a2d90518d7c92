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

  /** The heap may grow this much over the soak and still count as flat. */
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
   * The samples after the warm-up: those taken once the first connections' lives could all have
   * ended (the longest life), so that the churn is in its steady state. The heap after a full GC
   * then still swings from one sample to the next (by up to 80 MiB at 5,000 connections), with whatever is half-open or half-closed at that moment.
   */
  public List<Sample> steady() {
    return samples.stream().filter(s -> s.seconds() * 1000 >= maxLifeMillis).toList();
  }

  /**
   * Whether the heap is flat: its growth ({@link #heapGrowth()}) is within {@link #FLAT_FRACTION}
   * of the early peak, or {@link #FLAT_BYTES}, whichever is more. False when it cannot tell.
   */
  public boolean heapFlat() {
    double growth = heapGrowth();
    return !Double.isNaN(growth)
        && growth <= Math.max(FLAT_BYTES, FLAT_FRACTION * peak(0, steady().size() / 3));
  }

  /** "yes", "NO", or "cannot tell" (too short a soak, or no heap readings). */
  public String heapVerdict() {
    return Double.isNaN(heapGrowth()) ? "cannot tell" : heapFlat() ? "yes" : "NO";
  }

  /**
   * Heap growth in bytes: the highest heap after GC in the last third of the {@link #steady()}
   * samples minus the highest in the first third (peaks, since a sample can fall anywhere in the
   * swing); NaN with fewer than six steady samples (two a third) or without heap readings.
   */
  public double heapGrowth() {
    int n = steady().size();
    if (n < 6) {
      return Double.NaN;
    }
    long early = peak(0, n / 3);
    long late = peak(n - n / 3, n);
    return early < 0 || late < 0 ? Double.NaN : late - early;
  }

  /** The highest heap after GC among the steady samples from index {@code from} to {@code to}. */
  private long peak(int from, int to) {
    return steady().subList(from, to).stream()
        .mapToLong(Sample::heapAfterGc)
        .max()
        .orElse(-1);
  }
}
