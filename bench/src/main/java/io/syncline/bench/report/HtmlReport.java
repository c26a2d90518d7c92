package io.syncline.bench.report;

import io.syncline.bench.scenario.FanOutResult;
import io.syncline.bench.scenario.SoakResult;
import io.syncline.bench.scenario.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The HTML report: the table, and latency-versus-throughput plots (inline SVG, no scripts). */
public final class HtmlReport {

  private static final String[] COLORS = {"#d62728", "#1f77b4", "#2ca02c", "#7f7f7f", "#9467bd"};
  private static final int W = 720;
  private static final int H = 420;
  private static final int PAD = 60;

  private HtmlReport() {}

  public static String render(Results r) {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Syncline benchmark</title>")
        .append("<style>body{font-family:sans-serif;margin:2em;max-width:1000px}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}")
        .append("td{text-align:right}td:first-child{text-align:left}</style></head><body>")
        .append("<h1>Syncline benchmark (")
        .append(esc(r.profile()))
        .append(")</h1><p>")
        .append(esc(r.startedAt()))
        .append(" — ")
        .append(esc(r.machine()))
        .append("<br>")
        .append(esc(r.cores()))
        .append("<br>load before: ")
        .append(esc(r.loadBefore()))
        .append("<br>message size ")
        .append(r.messageBytes())
        .append(" bytes</p><table><tr><th>figure</th><th>Syncline</th><th>Socket.IO</th><th>ws</th>")
        .append("<th>Syncline ÷ Socket.IO</th><th>Syncline ÷ ws</th><th>target</th></tr>");
    for (Table.Row row : Table.rows(r)) {
      html.append("<tr><td>")
          .append(esc(row.figure() + (row.unit().isEmpty() ? "" : " (" + row.unit() + ")")))
          .append("</td><td>")
          .append(Table.num(row.syncline()))
          .append("</td><td>")
          .append(Table.num(row.socketIo()))
          .append("</td><td>")
          .append(Table.num(row.ws()))
          .append("</td><td>")
          .append(Table.ratio(row.syncline(), row.socketIo()))
          .append("</td><td>")
          .append(Table.ratio(row.syncline(), row.ws()))
          .append("</td><td>")
          .append(esc(row.target()))
          .append("</td></tr>");
    }
    html.append("</table>");
    TreeSet<Integer> counts = new TreeSet<>();
    r.fanOut().forEach(f -> counts.add(f.subscribers()));
    for (int n : counts) {
      List<FanOutResult> series = r.fanOut().stream().filter(f -> f.subscribers() == n).toList();
      html.append("<h2>Fan-out, ")
          .append(n)
          .append(" subscribers: p99 (solid) and p50 (dashed) latency versus delivered rate</h2>")
          .append(plot(series));
      for (FanOutResult f : series) {
        List<Double> xs = new ArrayList<>();
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        for (Step step : f.steps()) {
          List<Double> p99s = step.p99PerSecond() == null ? List.of() : step.p99PerSecond();
          for (int i = xs.size(); i < p99s.size(); i++) {
            xs.add((double) i);
          }
          steps.put(String.format("offered %,.0f/s", step.offeredPerSec()), p99s);
        }
        if (xs.isEmpty()) {
          continue;
        }
        html.append("<h3>")
            .append(esc(f.server() + " (" + f.publisher() + "), " + n))
            .append(" subscribers: p99 (ms) in each second of each step</h3>")
            .append(timePlot(xs, steps, "second of the step"));
      }
    }
    for (SoakResult soak : r.soak()) {
      List<Double> xs = new ArrayList<>();
      Map<String, List<Double>> memory = new LinkedHashMap<>();
      memory.put("heap after GC (MiB)", new ArrayList<>());
      Map<String, List<Double>> rss = new LinkedHashMap<>();
      rss.put("RSS (MiB)", new ArrayList<>());
      Map<String, List<Double>> tallies = new LinkedHashMap<>();
      tallies.put("open connections", new ArrayList<>());
      tallies.put("errors so far", new ArrayList<>());
      for (SoakResult.Sample sample : soak.samples()) {
        xs.add(sample.seconds());
        memory.get("heap after GC (MiB)").add(sample.heapAfterGc() / 1048576.0);
        rss.get("RSS (MiB)").add(sample.rss() / 1048576.0);
        tallies.get("open connections").add((double) sample.openClients());
        tallies
            .get("errors so far")
            .add(
                (double)
                    (sample.connectFailures()
                        + sample.unexpectedCloses()
                        + sample.lost()
                        + sample.duplicates()));
      }
      html.append("<h2>Soak, ")
          .append(esc(soak.server()))
          .append(": server heap after a full GC over time</h2>")
          .append(timePlot(xs, memory, "seconds"))
          .append("<h2>Soak, ")
          .append(esc(soak.server()))
          .append(": server RSS over time</h2>")
          .append(timePlot(xs, rss, "seconds"))
          .append("<h2>Soak, ")
          .append(esc(soak.server()))
          .append(": open connections and errors over time</h2>")
          .append(timePlot(xs, tallies, "seconds"));
    }
    if (!r.failures().isEmpty()) {
      html.append("<h2>Failures</h2><ul>");
      r.failures().forEach(f -> html.append("<li>").append(esc(f)).append("</li>"));
      html.append("</ul>");
    }
    return html.append("</body></html>\n").toString();
  }

  private static String plot(List<FanOutResult> series) {
    double maxX =
        series.stream()
            .flatMap(f -> f.steps().stream())
            .mapToDouble(Step::deliveredPerSec)
            .max()
            .orElse(1);
    double minY = 0.1;
    double maxY = 10_000;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(H)
        .append("\" font-size=\"11\">");
    svg.append(line(PAD, H - PAD, W - 20, H - PAD, "#000", ""))
        .append(line(PAD, 20, PAD, H - PAD, "#000", ""));
    for (double y = minY; y <= maxY; y *= 10) {
      double py = py(y, minY, maxY);
      svg.append(line(PAD, py, W - 20, py, "#eee", ""))
          .append(text(PAD - 6, py + 4, fmt(y) + " ms", "end"));
    }
    double limit = py(100, minY, maxY);
    svg.append(line(PAD, limit, W - 20, limit, "#f99", "4,3"));
    for (int i = 0; i <= 5; i++) {
      double x = maxX * i / 5;
      double px = px(x, maxX);
      svg.append(text(px, H - PAD + 16, String.format("%,.0f", x), "middle"));
    }
    svg.append(text(W / 2.0, H - 15, "delivered messages per second", "middle"));
    int color = 0;
    for (FanOutResult f : series) {
      String c = COLORS[color++ % COLORS.length];
      StringBuilder p99 = new StringBuilder();
      StringBuilder p50 = new StringBuilder();
      for (Step s : f.steps()) {
        double x = px(s.deliveredPerSec(), maxX);
        p99.append(x).append(',').append(py(s.p99(), minY, maxY)).append(' ');
        p50.append(x).append(',').append(py(s.p50(), minY, maxY)).append(' ');
        svg.append("<circle cx=\"")
            .append(x)
            .append("\" cy=\"")
            .append(py(s.p99(), minY, maxY))
            .append("\" r=\"3\" fill=\"")
            .append(c)
            .append("\"/>");
      }
      svg.append(polyline(p99.toString(), c, ""))
          .append(polyline(p50.toString(), c, "5,4"))
          .append(text(W - 30, 30 + 14 * color, f.server() + " (" + f.publisher() + ")", "end")
              .replace("<text", "<text fill=\"" + c + "\""));
    }
    return svg.append("</svg>").toString();
  }

  /** Series over time on linear axes from 0. */
  static String timePlot(List<Double> xs, Map<String, List<Double>> series, String xLabel) {
    double maxX = xs.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double maxY =
        series.values().stream()
            .flatMap(List::stream)
            .filter(v -> !Double.isNaN(v))
            .mapToDouble(Double::doubleValue)
            .max()
            .orElse(1);
    maxX = maxX <= 0 ? 1 : maxX;
    maxY = maxY <= 0 ? 1 : maxY * 1.1;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(H)
        .append("\" font-size=\"11\">");
    svg.append(line(PAD, H - PAD, W - 20, H - PAD, "#000", ""))
        .append(line(PAD, 20, PAD, H - PAD, "#000", ""));
    for (int i = 0; i <= 5; i++) {
      double y = maxY * i / 5;
      double py = H - PAD - (H - PAD - 20) * y / maxY;
      svg.append(line(PAD, py, W - 20, py, "#eee", ""))
          .append(text(PAD - 6, py + 4, String.format(y >= 100 ? "%,.0f" : "%.1f", y), "end"));
      double x = maxX * i / 5;
      svg.append(text(px(x, maxX), H - PAD + 16, String.format("%,.0f", x), "middle"));
    }
    svg.append(text(W / 2.0, H - 15, xLabel, "middle"));
    int color = 0;
    for (Map.Entry<String, List<Double>> e : series.entrySet()) {
      String c = COLORS[color++ % COLORS.length];
      StringBuilder points = new StringBuilder();
      List<Double> ys = e.getValue();
      for (int i = 0; i < Math.min(xs.size(), ys.size()); i++) {
        if (Double.isNaN(ys.get(i))) {
          continue;
        }
        double x = px(xs.get(i), maxX);
        double y = H - PAD - (H - PAD - 20) * ys.get(i) / maxY;
        points.append(x).append(',').append(y).append(' ');
        svg.append("<circle cx=\"")
            .append(x)
            .append("\" cy=\"")
            .append(y)
            .append("\" r=\"3\" fill=\"")
            .append(c)
            .append("\"/>");
      }
      svg.append(polyline(points.toString(), c, ""))
          .append(
              text(W - 30, 30 + 14 * color, e.getKey(), "end")
                  .replace("<text", "<text fill=\"" + c + "\""));
    }
    return svg.append("</svg>").toString();
  }

  private static double px(double x, double maxX) {
    return PAD + (W - PAD - 20) * x / maxX;
  }

  private static double py(double y, double minY, double maxY) {
    double v = Math.max(minY, Math.min(maxY, y));
    double f = (Math.log10(v) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY));
    return H - PAD - (H - PAD - 20) * f;
  }

  private static String fmt(double y) {
    return y < 1 ? String.valueOf(y) : String.format("%,.0f", y);
  }

  private static String line(double x1, double y1, double x2, double y2, String c, String dash) {
    return String.format(
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>",
        x1, y1, x2, y2, c, dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"");
  }

  private static String polyline(String points, String c, String dash) {
    return "<polyline fill=\"none\" stroke=\""
        + c
        + "\" stroke-width=\"2\" points=\""
        + points
        + "\""
        + (dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"")
        + "/>";
  }

  private static String text(double x, double y, String s, String anchor) {
    return String.format(
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>", x, y, anchor, esc(s));
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
