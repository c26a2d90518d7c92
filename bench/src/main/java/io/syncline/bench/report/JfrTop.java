package io.syncline.bench.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's time went, from a JFR recording ({@code BENCH_JFR=1 bench/run …}): the hottest
 * methods by own time, and by time including what they call, over the execution samples taken
 * after {@code skip} seconds (to leave out the boot), and before {@code until} seconds if given (to
 * look at one scenario of a run); both count from the recording's start and may have decimals.
 * Usage: {@code JfrTop FILE [skipSeconds] [rows] [untilSeconds]}.
 */
public final class JfrTop {

  public static void main(String[] args) throws Exception {
    List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
    double skip = args.length > 1 ? Double.parseDouble(args[1]) : 0;
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    Instant first =
        events.stream().map(RecordedEvent::getStartTime).min(Instant::compareTo).orElseThrow();
    Instant from = first.plusNanos((long) (skip * 1e9));
    Instant to =
        args.length > 3
            ? first.plusNanos((long) (Double.parseDouble(args[3]) * 1e9))
            : Instant.MAX;
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : events) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")
          || e.getStartTime().isBefore(from)
          || !e.getStartTime().isBefore(to)
          || e.getStackTrace() == null) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      self.merge(name(frames.get(0)), 1, Integer::sum);
      Set<String> seen = new LinkedHashSet<>();
      frames.forEach(f -> seen.add(name(f)));
      seen.forEach(n -> total.merge(n, 1, Integer::sum));
    }
    System.out.println(
        samples
            + " execution samples after the first "
            + skip
            + " s"
            + (to == Instant.MAX ? "" : ", before " + args[3] + " s")
            + " (the recording began "
            + first
            + ")");
    print("own time", self, samples, rows);
    print("including callees", total, samples, rows * 2);
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int samples, int rows) {
    System.out.println("-- " + title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(rows)
        .forEach(
            e ->
                System.out.printf(
                    "%5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
  }
}
