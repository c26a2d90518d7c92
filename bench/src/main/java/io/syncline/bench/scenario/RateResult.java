package io.syncline.bench.scenario;

/** A closed-loop throughput: {@code count} operations of a kind in {@code millis}. */
public record RateResult(String server, String what, long count, long millis, long errors) {

  public double perSecond() {
    return millis == 0 ? 0 : count * 1000.0 / millis;
  }
}
