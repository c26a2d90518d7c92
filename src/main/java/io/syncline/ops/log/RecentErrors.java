package io.syncline.ops.log;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** The last warnings and errors Syncline logged, for the admin page. */
public final class RecentErrors extends Handler {

  /** One logged problem: when, how bad, where from, and the first line of its message. */
  public record Entry(Instant time, String level, String logger, String message) {}

  private static final int KEPT = 50;
  private final Deque<Entry> entries = new ArrayDeque<>();

  public RecentErrors() {
    setLevel(Level.WARNING);
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    String message = record.getMessage() == null ? "" : record.getMessage();
    if (record.getThrown() != null) {
      message = message + " (" + record.getThrown() + ")";
    }
    Entry entry =
        new Entry(
            record.getInstant(),
            record.getLevel().getName(),
            String.valueOf(record.getLoggerName()),
            firstLine(message));
    synchronized (entries) {
      entries.addFirst(entry);
      while (entries.size() > KEPT) {
        entries.removeLast();
      }
    }
  }

  /** The message's first line with text in it (banners start with a blank one). */
  static String firstLine(String message) {
    return message
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.matches("[*=#-]+"))
        .findFirst()
        .orElse("");
  }

  /** Newest first. */
  public List<Entry> entries() {
    synchronized (entries) {
      return new ArrayList<>(entries);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
