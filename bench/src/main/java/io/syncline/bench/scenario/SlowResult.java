package io.syncline.bench.scenario;

/**
 * Slow consumer: the same fan-out measured without, with one subscriber that stopped reading, and
 * without again once it is gone. Latencies of the others in ms; memory in bytes (heap after a full GC; -1 if unknown); the
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
    double p50Again,
    double p99Again,
    long lostAgain,
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
    double otherCpuCoresWith,
    double otherCpuCoresAgain) {

  /**
   * The others' p99 with the stalled one over the mean of their p99 in the runs before and after it
   * (target ≤ 1.2).
   */
  public double p99Ratio() {
    double without = (p99Without + p99Again) / 2;
    return without <= 0 ? Double.NaN : p99With / without;
  }

  /** The others' p99 in the run after the stall over the run before it: the drift, not the stall. */
  public double p99Drift() {
    return p99Without <= 0 ? Double.NaN : p99Again / p99Without;
  }
}
