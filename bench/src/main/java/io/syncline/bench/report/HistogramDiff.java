package io.syncline.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What each idle connection holds, class by class: {@code java -cp syncline-bench.jar
 * io.syncline.bench.report.HistogramDiff BEFORE AFTER CONNECTIONS [ROWS]}, with the two {@code
 * jcmd GC.class_histogram} files the idle scenario writes ({@code *-idle-histogram-before.txt} and
 * {@code *-idle-histogram.txt}). Prints the largest growths in bytes per connection.
 */
public final class HistogramDiff {

  private record Row(long instances, long bytes) {}

  public static void main(String[] args) throws IOException {
    Map<String, Row> before = read(Path.of(args[0]));
    Map<String, Row> after = read(Path.of(args[1]));
    double connections = Double.parseDouble(args[2]);
    int rows = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    long total = 0;
    Map<String, long[]> growth = new HashMap<>();
    for (Map.Entry<String, Row> entry : after.entrySet()) {
      Row b = before.getOrDefault(entry.getKey(), new Row(0, 0));
      long bytes = entry.getValue().bytes() - b.bytes();
      long instances = entry.getValue().instances() - b.instances();
      total += bytes;
      growth.put(entry.getKey(), new long[] {instances, bytes});
    }
    System.out.printf("%,.0f bytes per connection in all%n", total / connections);
    System.out.printf("%12s %12s  %s%n", "B/conn", "inst/conn", "class");
    growth.entrySet().stream()
        .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
        .limit(rows)
        .forEach(
            e ->
                System.out.printf(
                    "%,12.0f %12.2f  %s%n",
                    e.getValue()[1] / connections, e.getValue()[0] / connections, e.getKey()));
  }

  private static Map<String, Row> read(Path file) throws IOException {
    Map<String, Row> rows = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":") && Character.isDigit(f[0].charAt(0))) {
        rows.put(f[3], new Row(Long.parseLong(f[1]), Long.parseLong(f[2])));
      }
    }
    return rows;
  }
}
