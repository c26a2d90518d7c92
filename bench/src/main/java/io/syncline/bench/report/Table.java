package io.syncline.bench.report;

import io.syncline.bench.Suite;
import io.syncline.bench.scenario.FanOutResult;
import io.syncline.bench.scenario.IdleResult;
import io.syncline.bench.scenario.LatencyResult;
import io.syncline.bench.scenario.RateResult;
import io.syncline.bench.scenario.SlowResult;
import io.syncline.bench.scenario.SoakResult;
import io.syncline.bench.scenario.StormResult;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The side-by-side table: one row per figure, Syncline's value, each peer's, Syncline's ratio to
 * each peer, and the target.
 */
public final class Table {

  /** One row; NaN where a server has no such figure. */
  public record Row(
      String figure, double syncline, double socketIo, double ws, String unit, String target) {
    Row withUnit(String newUnit) {
      return new Row(figure, syncline, socketIo, ws, newUnit, target);
    }
  }

  private Table() {}

  public static List<Row> rows(Results r) {
    List<Row> rows = new ArrayList<>();
    TreeSet<Integer> counts = new TreeSet<>();
    r.fanOut().forEach(f -> counts.add(f.subscribers()));
    for (int n : counts) {
      FanOutResult trivial = r.fanOut("trivial", n, "socket");
      if (trivial != null) {
        rows.add(
            new Row(
                "load generator ceiling, " + n + " subs (trivial server, peak)",
                trivial.peakDeliveredPerSec(),
                Double.NaN,
                Double.NaN,
                "deliveries/s",
                ""));
      }
      rows.add(
          fan(r, n, "fan-out " + n + " subs: deliveries/s at p99 ≤ 100 ms", FanOutResult::bestDeliveredPerSec,
              n == 1000 ? "≥ 300,000 and ≥ 4× ws" : ""));
      if (n == 1000) {
        rows.add(fan(r, n, "fan-out " + n + " subs: p99 at 20,000 deliveries/s (ms)", f -> f.p99At(20_000), "≤ 20 ms"));
        rows.add(fan(r, n, "fan-out " + n + " subs: server CPU µs/delivery at 20,000", f -> f.cpuMicrosAt(20_000), "≤ 10 µs"));
        rows.add(fan(r, n, "fan-out " + n + " subs: at 20,000, a broadcast to its last subscriber, p50 (ms)", f -> f.lastP50At(20_000), ""));
        rows.add(fan(r, n, "fan-out " + n + " subs: at 20,000, a broadcast to its last subscriber, p99 (ms)", f -> f.lastP99At(20_000), ""));
        rows.add(fan(r, n, "fan-out " + n + " subs: load generator's CPU at 20,000 (cores; ≥ 90 % of its own: generator-bound)", f -> f.generatorCoresAt(20_000), ""));
      }
      rows.add(fan(r, n, "fan-out " + n + " subs: first offered rate with p99 > 100 ms", FanOutResult::firstOverLimit, ""));
      rows.add(fan(r, n, "fan-out " + n + " subs: peak deliveries/s", FanOutResult::peakDeliveredPerSec, ""));
      rows.add(fan(r, n, "fan-out " + n + " subs: server CPU µs/delivery at best", FanOutResult::cpuMicrosAtBest, ""));
      rows.add(fan(r, n, "connection set-up, " + n + " subs (/s)", FanOutResult::connectsPerSec, ""));
      rows.add(
          fan(r, n, "fan-out " + n + " subs: steps retried as contaminated by other processes' CPU",
              FanOutResult::retriedSteps, ""));
      rows.add(
          fan(r, n, "fan-out " + n + " subs: steps contaminated (after their retry, if retried)",
              FanOutResult::contaminatedSteps, "0"));
      FanOutResult two = r.fanOut("syncline-2-nodes", n, "socket");
      if (two != null) {
        rows.add(
            new Row(
                "fan-out " + n + " subs on 2 clustered nodes (half each): deliveries/s at p99 ≤ 100 ms",
                two.bestDeliveredPerSec(),
                Double.NaN,
                Double.NaN,
                "deliveries/s",
                ""));
        rows.add(
            new Row(
                "fan-out " + n + " subs on 2 clustered nodes: peak deliveries/s",
                two.peakDeliveredPerSec(),
                Double.NaN,
                Double.NaN,
                "deliveries/s",
                ""));
        rows.add(
            new Row(
                "fan-out " + n + " subs on 2 clustered nodes: p99 at the first step",
                two.steps().isEmpty() ? Double.NaN : two.steps().get(0).p99(),
                Double.NaN,
                Double.NaN,
                "ms",
                ""));
        rows.add(
            new Row(
                "fan-out " + n + " subs on 2 clustered nodes: server CPU µs/delivery at best (both nodes)",
                two.cpuMicrosAtBest(),
                Double.NaN,
                Double.NaN,
                "",
                ""));
      }
      FanOutResult rest = r.fanOut("syncline", n, "rest");
      if (rest != null) {
        rows.add(
            new Row(
                "fan-out " + n + " subs via REST publish: deliveries/s at p99 ≤ 100 ms",
                rest.bestDeliveredPerSec(),
                Double.NaN,
                Double.NaN,
                "deliveries/s",
                ""));
      }
    }
    if (!r.idle().isEmpty()) {
      rows.add(idle(r, "memory per idle connection", IdleResult::perConnection, "≤ 16 KB"));
      rows.add(idle(r, "  of which heap (after full GC)", IdleResult::heapPerConnection, ""));
      rows.add(
          idle(r, "idle connection set-up (/s)", IdleResult::connectsPerSec, "").withUnit(""));
      rows.add(
          idle(r, "idle connections held", i -> (double) i.connections(), "20,000").withUnit(""));
    }
    if (!r.storm().isEmpty()) {
      StormResult any = r.storm().get(0);
      String of = String.format("%,d", any.asked());
      String at = " (" + any.concurrency() + " connecting at once)";
      rows.add(storm(r, "connection storm, " + of + " clients" + at + ": accepted/s", StormResult::acceptedPerSec, "", "≥ 2,000"));
      rows.add(storm(r, "connection storm: clients connected and subscribed", s -> (double) s.connections(), "", ""));
      rows.add(storm(r, "connection storm: server CPU µs per client accepted", StormResult::cpuMicrosPerClient, "", ""));
      rows.add(storm(r, "connection storm: the server JIT's compile time (wall) while the clients connected", StormResult::compileMillis, "ms", ""));
      rows.add(storm(r, "connection storm: warm-up storms run before the measured one", s -> (double) s.warmUps(), "", ""));
      rows.add(storm(r, "connection storm: handshake p50", StormResult::handshakeP50, "ms", ""));
      rows.add(storm(r, "connection storm: handshake p99", StormResult::handshakeP99, "ms", "≤ 250 ms"));
      rows.add(storm(r, "connection storm: subscribe ack p99 (open → subscribed)", StormResult::subscribeP99, "ms", ""));
      rows.add(storm(r, "one broadcast to all " + of + ": to the last subscriber", StormResult::broadcastLast, "ms", "≤ 50 ms"));
      rows.add(storm(r, "one broadcast to all: p50", StormResult::broadcastP50, "ms", ""));
      rows.add(storm(r, "one broadcast to all: p99", StormResult::broadcastP99, "ms", ""));
      rows.add(storm(r, "one broadcast to all: lost", s -> (double) s.broadcastLost(), "", "0"));
      rows.add(storm(r, "connection storm: other processes' CPU meanwhile (cores; > 0.25 contaminated)", StormResult::otherCpuCores, "", ""));
    }
    if (!r.slow().isEmpty()) {
      SlowResult any = r.slow().get(0);
      String what =
          String.format(
              "slow consumer, %,d subs at %,.0f deliveries/s", any.subscribers(), any.offeredPerSec());
      rows.add(slow(r, what + ": others' p99 without a stalled one", SlowResult::p99Without, "ms", ""));
      rows.add(slow(r, what + ": others' p99 with one stalled", SlowResult::p99With, "ms", ""));
      rows.add(slow(r, what + ": others' p99 without, again after the stall", SlowResult::p99Again, "ms", ""));
      rows.add(slow(r, "slow consumer: with ÷ mean of the two without (others' p99)", SlowResult::p99Ratio, "", "≤ 1.2×"));
      rows.add(slow(r, "slow consumer: drift, second without ÷ first (no stall in either)", SlowResult::p99Drift, "", ""));
      rows.add(slow(r, "slow consumer: others' lost (with one stalled)", s -> (double) s.lostWith(), "", "0"));
      rows.add(
          slow(r, "slow consumer: stalled one closed after (s; – not closed)",
                  s -> s.stalledClosedAfterMillis() < 0 ? Double.NaN : s.stalledClosedAfterMillis() / 1000, "", ""));
      rows.add(
          slow(r, "slow consumer: stalled one's close code (– none seen)",
                  s -> s.stalledCloseCode() < 0 ? Double.NaN : s.stalledCloseCode(), "", "1013"));
      rows.add(slow(r, "slow consumer: heap after GC, run without", s -> s.heapAfterWithout() / 1048576.0, "MiB", ""));
      rows.add(slow(r, "slow consumer: heap after GC, run with the stalled one", s -> s.heapAfterWith() / 1048576.0, "MiB", "bounded"));
      rows.add(slow(r, "slow consumer: other processes' CPU, run without (cores; > 0.25 contaminated)", SlowResult::otherCpuCoresWithout, "", ""));
      rows.add(slow(r, "slow consumer: other processes' CPU, run with (cores)", SlowResult::otherCpuCoresWith, "", ""));
      rows.add(slow(r, "slow consumer: other processes' CPU, run without again (cores)", SlowResult::otherCpuCoresAgain, "", ""));
    }
    wildfly(r, rows);
    for (SoakResult soak : r.soak()) {
      String of =
          String.format(
              "soak %s, %,d connections churning for %.0f min", soak.server(), soak.connections(), soak.millis() / 60_000.0);
      rows.add(soakRow(soak, of + ": heap after GC growth, peak of the first third → of the last third (after the warm-up)", soak.heapGrowth() / 1048576.0, "MiB",
          String.format("flat (≤ max(%d MiB, %.0f %%)): %s", SoakResult.FLAT_BYTES >> 20, SoakResult.FLAT_FRACTION * 100, soak.heapVerdict())));
      rows.add(soakRow(soak, "soak " + soak.server() + ": connects", soak.connects(), "", ""));
      rows.add(soakRow(soak, "soak " + soak.server() + ": errors (failed connects, closes by the server, lost, duplicated)", soak.errors(), "", "0"));
    }
    for (LatencyResult l : r.commitLatency()) {
      rows.add(
          new Row(
              "commit → client p99 on " + l.database() + ", " + l.subscribers() + " subs, " + (int) l.writesPerSec() + " writes/s",
              l.p99(),
              Double.NaN,
              Double.NaN,
              "ms",
              "≤ 25 ms"));
      rows.add(
          new Row("commit → client p50 on " + l.database(), l.p50(), Double.NaN, Double.NaN, "ms", ""));
      rows.add(
          new Row("commit → client on " + l.database() + ": deliveries per frame (packing)", (l.writes() * l.subscribers() - l.lost()) / (double) Math.max(1, l.frames()), Double.NaN, Double.NaN, "", ""));
      rows.add(
          new Row("commit → client on " + l.database() + ": server's CPU (cores)", l.serverCpuCores(), Double.NaN, Double.NaN, "", ""));
      rows.add(
          new Row("commit → client on " + l.database() + ": load generator's CPU (cores; ≥ 90 % of its own: generator-bound)", l.generatorCpuCores(), Double.NaN, Double.NaN, "", ""));
    }
    for (RateResult rate : r.rates()) {
      String target =
          switch (rate.what()) {
            case "catch-up" -> "≥ 100,000";
            case "pushes h2" -> "≥ 5,000";
            case "pushes postgres" -> "≥ 3,000";
            default -> "";
          };
      String unit = rate.what().equals("catch-up") ? "changes/s" : "commits/s";
      rows.add(new Row(rate.what(), rate.perSecond(), Double.NaN, Double.NaN, unit, target));
    }
    return rows;
  }

  private static Row fan(
      Results r, int n, String figure, Function<FanOutResult, Double> value, String target) {
    return new Row(
        figure,
        value(r.fanOut("syncline", n, "socket"), value),
        value(r.fanOut("socket.io", n, "socket"), value),
        value(r.fanOut("ws", n, "socket"), value),
        "",
        target);
  }

  /** The same WAR on WildFly (the part {@code wildfly}): its main figures, in Syncline's column. */
  private static void wildfly(Results r, List<Row> rows) {
    String on = "on WildFly: ";
    for (FanOutResult f : r.fanOut()) {
      if (f.server().equals(Suite.WILDFLY) && f.publisher().equals("socket")) {
        String n = "fan-out " + f.subscribers() + " subs";
        rows.add(only(on + n + ": deliveries/s at p99 ≤ 100 ms", f.bestDeliveredPerSec(), "deliveries/s"));
        rows.add(only(on + n + ": p99 at the first step", f.steps().isEmpty() ? Double.NaN : f.steps().get(0).p99(), "ms"));
        rows.add(only(on + n + ": server CPU µs/delivery at best", f.cpuMicrosAtBest(), ""));
      }
    }
    IdleResult idle = r.idle(Suite.WILDFLY);
    if (idle != null) {
      rows.add(only(on + "memory per idle connection", idle.perConnection(), "bytes"));
      rows.add(only(on + "  of which heap (after full GC)", idle.heapPerConnection(), "bytes"));
      rows.add(only(on + "idle connections held", idle.connections(), ""));
    }
    StormResult storm = r.storm(Suite.WILDFLY);
    if (storm != null) {
      rows.add(only(on + "connection storm: accepted/s", storm.acceptedPerSec(), ""));
      rows.add(only(on + "connection storm: server CPU µs per client accepted", storm.cpuMicrosPerClient(), ""));
      rows.add(only(on + "connection storm: handshake p99", storm.handshakeP99(), "ms"));
      rows.add(only(on + "one broadcast to all: to the last subscriber", storm.broadcastLast(), "ms"));
    }
    SlowResult slow = r.slow(Suite.WILDFLY);
    if (slow != null) {
      rows.add(only(on + "slow consumer: with ÷ mean of the two without", slow.p99Ratio(), ""));
    }
  }

  private static Row only(String figure, double syncline, String unit) {
    return new Row(figure, syncline, Double.NaN, Double.NaN, unit, "");
  }

  private static Row storm(
      Results r, String figure, Function<StormResult, Double> value, String unit, String target) {
    return new Row(
        figure,
        value(r.storm("syncline"), value),
        value(r.storm("socket.io"), value),
        value(r.storm("ws"), value),
        unit,
        target);
  }

  private static Row slow(
      Results r, String figure, Function<SlowResult, Double> value, String unit, String target) {
    return new Row(
        figure,
        value(r.slow("syncline"), value),
        value(r.slow("socket.io"), value),
        value(r.slow("ws"), value),
        unit,
        target);
  }

  /** A soak figure in the column of its server. */
  private static Row soakRow(SoakResult soak, String figure, double v, String unit, String target) {
    return new Row(
        figure,
        soak.server().equals("syncline") ? v : Double.NaN,
        soak.server().equals("socket.io") ? v : Double.NaN,
        soak.server().equals("ws") ? v : Double.NaN,
        unit,
        target);
  }

  private static Row idle(
      Results r, String figure, Function<IdleResult, Double> value, String target) {
    return new Row(
        figure,
        value(r.idle("syncline"), value),
        value(r.idle("socket.io"), value),
        value(r.idle("ws"), value),
        "bytes",
        target);
  }

  private static <T> double value(T result, Function<T, Double> value) {
    return result == null ? Double.NaN : value.apply(result);
  }

  /** The table as Markdown, as printed and pasted into bench/README.md. */
  public static String markdown(Results r) {
    StringBuilder out = new StringBuilder();
    out.append("| figure | Syncline | Socket.IO | ws | Syncline ÷ Socket.IO | Syncline ÷ ws | target |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (Row row : rows(r)) {
      out.append("| ")
          .append(row.figure())
          .append(row.unit().isEmpty() ? "" : " (" + row.unit() + ")")
          .append(" | ")
          .append(num(row.syncline()))
          .append(" | ")
          .append(num(row.socketIo()))
          .append(" | ")
          .append(num(row.ws()))
          .append(" | ")
          .append(ratio(row.syncline(), row.socketIo()))
          .append(" | ")
          .append(ratio(row.syncline(), row.ws()))
          .append(" | ")
          .append(row.target())
          .append(" |\n");
    }
    return out.toString();
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
  }

  static String ratio(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
      return "–";
    }
    return String.format("%.2f×", a / b);
  }
}
