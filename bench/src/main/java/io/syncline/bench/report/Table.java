package io.syncline.bench.report;

import io.syncline.bench.scenario.FanOutResult;
import io.syncline.bench.scenario.IdleResult;
import io.syncline.bench.scenario.LatencyResult;
import io.syncline.bench.scenario.RateResult;
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
              n == 1000 ? "≥ 200,000" : ""));
      rows.add(fan(r, n, "fan-out " + n + " subs: first offered rate with p99 > 100 ms", FanOutResult::firstOverLimit, ""));
      rows.add(fan(r, n, "fan-out " + n + " subs: peak deliveries/s", FanOutResult::peakDeliveredPerSec, ""));
      rows.add(fan(r, n, "fan-out " + n + " subs: server CPU µs/delivery at best", FanOutResult::cpuMicrosAtBest, ""));
      rows.add(fan(r, n, "connection set-up, " + n + " subs (/s)", FanOutResult::connectsPerSec, ""));
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
    for (LatencyResult l : r.commitLatency()) {
      rows.add(
          new Row(
              "commit → client p99, " + l.subscribers() + " subs, " + (int) l.writesPerSec() + " writes/s",
              l.p99(),
              Double.NaN,
              Double.NaN,
              "ms",
              "≤ 25 ms"));
      rows.add(
          new Row("commit → client p50", l.p50(), Double.NaN, Double.NaN, "ms", ""));
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
