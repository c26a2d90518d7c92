package io.syncline.ops.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One structured line per operational event, on the logger {@code io.syncline.events}: {@code event
 * key=value …} as text, the same fields as an object in the JSON format ({@link JsonLogFormatter}).
 * Callers pass ids, names, counts and codes only: never a token or a record's data.
 */
public final class EventLog {

  public static final String LOGGER = "io.syncline.events";
  private static final Logger LOG = Logger.getLogger(LOGGER);

  private EventLog() {}

  public static void info(String event, Object... keysAndValues) {
    log(Level.INFO, event, keysAndValues);
  }

  public static void warn(String event, Object... keysAndValues) {
    log(Level.WARNING, event, keysAndValues);
  }

  private static void log(Level level, String event, Object... keysAndValues) {
    if (!LOG.isLoggable(level)) {
      return;
    }
    Map<String, Object> fields = fields(event, keysAndValues);
    LogRecord record = new LogRecord(level, text(fields));
    record.setLoggerName(LOGGER);
    record.setParameters(new Object[] {fields});
    LOG.log(record);
  }

  /** The event's fields, {@code event} first; null values are left out. */
  static Map<String, Object> fields(String event, Object... keysAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("event", event);
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        fields.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
      }
    }
    return fields;
  }

  /** {@code event key=value key="value with spaces"}. */
  static String text(Map<String, Object> fields) {
    StringBuilder line = new StringBuilder();
    fields.forEach(
        (key, value) -> {
          if (line.length() > 0) {
            line.append(' ').append(key).append('=');
          }
          String text = String.valueOf(value);
          boolean quote = line.length() > 0 && (text.isEmpty() || needsQuotes(text));
          line.append(quote ? '"' + text.replace("\"", "\\\"") + '"' : text);
        });
    return line.toString();
  }

  /** Whether a value holds white space, a quote or an equals sign (one line per connection). */
  private static boolean needsQuotes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '=' || Character.isWhitespace(c)) {
        return true;
      }
    }
    return false;
  }
}
