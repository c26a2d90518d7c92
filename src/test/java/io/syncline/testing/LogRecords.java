package io.syncline.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What one logger publishes at or above a level while this is open, for asserting on. */
public final class LogRecords extends Handler implements AutoCloseable {

  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogRecords(Logger logger, Level level) {
    this.logger = logger;
    setLevel(level);
    logger.addHandler(this);
  }

  /** Starts collecting {@code logger}'s records at {@code level} and above. */
  public static LogRecords of(String logger, Level level) {
    return new LogRecords(Logger.getLogger(logger), level);
  }

  /** Each record so far as {@code LEVEL message}. */
  public List<String> lines() {
    return records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
  }

  @Override
  public void publish(LogRecord record) {
    if (isLoggable(record)) {
      records.add(record);
    }
  }

  @Override
  public void flush() {
    // kept in memory
  }

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
