package io.syncline.ops.log;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code time}, {@code level}, {@code logger}, {@code message}, an
 * event's fields, and a failure's {@code error} and {@code stack}.
 */
public final class JsonLogFormatter extends Formatter {

  @Override
  public String format(LogRecord record) {
    JsonObjectBuilder line =
        Json.createObjectBuilder()
            .add("time", record.getInstant().toString())
            .add("level", record.getLevel().getName())
            .add("logger", String.valueOf(record.getLoggerName()));
    Object[] parameters = record.getParameters();
    if (parameters != null && parameters.length == 1 && parameters[0] instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if (value instanceof Number number) {
              line.add(String.valueOf(key), number.longValue());
            } else {
              line.add(String.valueOf(key), String.valueOf(value));
            }
          });
    } else {
      line.add("message", formatMessage(record));
    }
    Throwable thrown = record.getThrown();
    if (thrown != null) {
      StringWriter stack = new StringWriter();
      thrown.printStackTrace(new PrintWriter(stack));
      line.add("error", String.valueOf(thrown)).add("stack", stack.toString());
    }
    return line.build().toString() + System.lineSeparator();
  }
}
