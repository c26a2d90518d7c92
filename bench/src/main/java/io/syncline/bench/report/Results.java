package io.syncline.bench.report;

import io.syncline.bench.scenario.FanOutResult;
import io.syncline.bench.scenario.IdleResult;
import io.syncline.bench.scenario.LatencyResult;
import io.syncline.bench.scenario.RateResult;
import io.syncline.bench.scenario.SlowResult;
import io.syncline.bench.scenario.SoakResult;
import io.syncline.bench.scenario.StormResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything one run measured, as written to the JSON file. */
public record Results(
    String profile,
    String startedAt,
    String machine,
    String cores,
    String loadBefore,
    int messageBytes,
    Map<String, String> synclineSettings,
    List<FanOutResult> fanOut,
    List<IdleResult> idle,
    List<LatencyResult> commitLatency,
    List<RateResult> rates,
    List<StormResult> storm,
    List<SlowResult> slow,
    List<SoakResult> soak,
    List<String> failures) {

  public static Results start(
      String profile,
      String startedAt,
      String machine,
      String cores,
      String load,
      int messageBytes,
      Map<String, String> settings) {
    return new Results(
        profile,
        startedAt,
        machine,
        cores,
        load,
        messageBytes,
        settings,
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>(),
        new ArrayList<>());
  }

  public StormResult storm(String server) {
    return storm.stream().filter(s -> s.server().equals(server)).findFirst().orElse(null);
  }

  public SlowResult slow(String server) {
    return slow.stream().filter(s -> s.server().equals(server)).findFirst().orElse(null);
  }

  public SoakResult soak(String server) {
    return soak.stream().filter(s -> s.server().equals(server)).findFirst().orElse(null);
  }

  /** The fan-out result of a server at a subscriber count and publisher, if measured. */
  public FanOutResult fanOut(String server, int subscribers, String via) {
    return fanOut.stream()
        .filter(
            f ->
                f.server().equals(server)
                    && f.subscribers() == subscribers
                    && f.publisher().equals(via))
        .findFirst()
        .orElse(null);
  }

  public IdleResult idle(String server) {
    return idle.stream().filter(i -> i.server().equals(server)).findFirst().orElse(null);
  }

  public RateResult rate(String what) {
    return rates.stream().filter(r -> r.what().equals(what)).findFirst().orElse(null);
  }
}
