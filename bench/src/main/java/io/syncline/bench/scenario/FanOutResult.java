package io.syncline.bench.scenario;

import java.util.List;
import java.util.Optional;

/** A fan-out ladder on one server: connection set-up, then every step until p99 passed 100 ms. */
public record FanOutResult(
    String server,
    int subscribers,
    String publisher,
    double connectsPerSec,
    int connectFailures,
    List<Step> steps) {

  /** The limit for p99 latency that defines a server's usable throughput. */
  public static final double P99_LIMIT_MS = 100;

  /** The highest delivered rate of a step with p99 within the limit and nothing lost; 0 if none. */
  public double bestDeliveredPerSec() {
    return steps.stream()
        .filter(s -> s.p99() <= P99_LIMIT_MS && s.lost() == 0 && s.closed() == 0)
        .mapToDouble(Step::deliveredPerSec)
        .max()
        .orElse(0);
  }

  /** The offered rate of the first step whose p99 passed the limit; 0 if none did. */
  public double firstOverLimit() {
    return steps.stream()
        .filter(s -> s.p99() > P99_LIMIT_MS)
        .mapToDouble(Step::offeredPerSec)
        .findFirst()
        .orElse(0);
  }

  /** The highest delivered rate of any step (saturation). */
  public double peakDeliveredPerSec() {
    return steps.stream().mapToDouble(Step::deliveredPerSec).max().orElse(0);
  }

  /** Steps measured again because other processes used CPU during them. */
  public double retriedSteps() {
    return steps.stream().filter(Step::retried).count();
  }

  /** Steps whose kept measurement (the retry, if any) was still contaminated. */
  public double contaminatedSteps() {
    return steps.stream().filter(Step::contaminated).count();
  }

  /** The p99 of the step that offered {@code offeredPerSec}, in ms; NaN if there was none. */
  public double p99At(double offeredPerSec) {
    return at(offeredPerSec).map(Step::p99).orElse(Double.NaN);
  }

  /**
   * In the step that offered {@code offeredPerSec}, the median over its messages of when the last
   * subscriber had one, in ms; NaN if there was no such step.
   */
  public double lastP50At(double offeredPerSec) {
    return at(offeredPerSec).map(Step::lastP50).orElse(Double.NaN);
  }

  /** As {@link #lastP50At}, the p99 over its messages. */
  public double lastP99At(double offeredPerSec) {
    return at(offeredPerSec).map(Step::lastP99).orElse(Double.NaN);
  }

  /** CPU per delivery in the step that offered {@code offeredPerSec}, in µs; NaN if none. */
  public double cpuMicrosAt(double offeredPerSec) {
    return at(offeredPerSec).map(Step::serverCpuMicrosPerDelivery).orElse(Double.NaN);
  }

  /** The load generator's CPU in the step that offered {@code offeredPerSec}, in cores; NaN if none. */
  public double generatorCoresAt(double offeredPerSec) {
    return at(offeredPerSec).map(Step::generatorCpuCores).orElse(Double.NaN);
  }

  private Optional<Step> at(double offeredPerSec) {
    return steps.stream().filter(s -> s.offeredPerSec() == offeredPerSec).findFirst();
  }

  /** CPU per delivery at the best step, in µs. */
  public double cpuMicrosAtBest() {
    double best = bestDeliveredPerSec();
    return steps.stream()
        .filter(s -> s.deliveredPerSec() == best)
        .mapToDouble(Step::serverCpuMicrosPerDelivery)
        .findFirst()
        .orElse(0);
  }
}
