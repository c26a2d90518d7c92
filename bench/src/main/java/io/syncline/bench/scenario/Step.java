package io.syncline.bench.scenario;

import java.util.List;

/**
 * One offered rate held for a step: what was offered and delivered (deliveries per second, a
 * delivery being one message reaching one subscriber), latency in ms, loss, server CPU, and p99
 * of what arrived in each second of the step (latency over time); the CPU other processes used
 * meanwhile (cores), whether that made it contaminated, the CPU the load generator used (cores;
 * near all of its own, the step measured the generator as much as the server), whether it is the
 * retry of a step that was, and when it started (epoch ms: the first second of {@code
 * p99PerSecond}), to match its seconds with a server's GC or safepoint log. Per message, over its
 * subscribers: the median latency of its first delivery, and the median and p99 of its last (when
 * the broadcast had reached everyone), in ms.
 */
public record Step(
    double offeredPerSec,
    double deliveredPerSec,
    double p50,
    double p99,
    double p999,
    double max,
    long lost,
    long duplicates,
    int closed,
    long frames,
    double serverCpuMicrosPerDelivery,
    double serverCpuCores,
    List<Double> p99PerSecond,
    double otherCpuCores,
    boolean contaminated,
    double generatorCpuCores,
    boolean retried,
    long startedAtMillis,
    double firstP50,
    double lastP50,
    double lastP99) {

  /** The same step marked as the retry of a contaminated one. */
  public Step asRetry() {
    return new Step(
        offeredPerSec, deliveredPerSec, p50, p99, p999, max, lost, duplicates, closed, frames,
        serverCpuMicrosPerDelivery, serverCpuCores, p99PerSecond, otherCpuCores, contaminated,
        generatorCpuCores, true, startedAtMillis, firstP50, lastP50, lastP99);
  }
}
