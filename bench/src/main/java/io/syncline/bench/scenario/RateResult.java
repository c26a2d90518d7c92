package io.syncline.bench.scenario;

/**
 * A closed-loop throughput: {@code count} operations of a kind in {@code millis}, and the server's
 * CPU time per operation over that window (µs; the steadier figure on a shared machine).
 */
public record RateResult(
    String server, String what, long count, long millis, long errors, double cpuMicrosPerOp) {

  public double perSecond() {
    return millis == 0 ? 0 : count * 1000.0 / millis;
  }
}
