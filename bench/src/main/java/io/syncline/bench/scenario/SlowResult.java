package io.syncline.bench.scenario;

/**
 * Slow consumer: the same fan-out measured without and with one subscriber that stopped reading.
 * Latencies of the others in ms; memory in bytes (heap after a full GC; -1 if unknown); the
 * fullest send queue on the server at the end of the stall (Syncline's metric; NaN for peers);
 * the CPU other processes used during each measured run, in cores (see {@code MachineLoad}).
 */
public record SlowResult(
    String server,
    int subscribers,
    double offeredPerSec,
    long millis,
    double p50Without,
    double p99Without,
    long lostWithout,
    double p50With,
    double p99With,
    long lostWith,
    int othersClosed,
    String stalled,
    int stalledCloseCode,
    double stalledClosedAfterMillis,
    long heapAfterWithout,
    long heapAfterWith,
    long rssAfterWithout,
    long rssAfterWith,
    double sendQueueDepthMax,
    double otherCpuCoresWithout,
    double otherCpuCoresWith) {

  /** The others' p99 with the stalled one over their p99 without (target ≤ 1.2). */
  public double p99Ratio() {
    return p99Without <= 0 ? Double.NaN : p99With / p99Without;
  }
}
