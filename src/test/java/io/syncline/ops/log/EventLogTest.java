package io.syncline.ops.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class EventLogTest {

  @Test
  void anEventIsOneLineOfKeyValuesWithNullsLeftOutAndSpacesQuoted() {
    Map<String, Object> fields =
        EventLog.fields("refused", "reason", "forbidden", "user", null, "note", "two words");
    assertEquals("refused reason=forbidden note=\"two words\"", EventLog.text(fields));
  }

  @Test
  void valuesWithAnEqualsSignAQuoteOrNothingAreQuoted() {
    Map<String, Object> fields =
        EventLog.fields(
            "e", "a", "x=1", "b", "say \"hi\"", "c", "", "d", "tab\there", "f", "plain");
    assertEquals(
        "e a=\"x=1\" b=\"say \\\"hi\\\"\" c=\"\" d=\"tab\there\" f=plain", EventLog.text(fields));
  }

  @Test
  void theJsonFormatWritesTheEventsFieldsAsOneObject() {
    Map<String, Object> fields =
        EventLog.fields("connection_close", "user", "ada", "durationMs", 1234L, "closeCode", 1000);
    LogRecord record = new LogRecord(Level.INFO, EventLog.text(fields));
    record.setLoggerName(EventLog.LOGGER);
    record.setParameters(new Object[] {fields});
    String line = new JsonLogFormatter().format(record);
    assertEquals(1, line.lines().count());
    JsonObject json = Json.createReader(new StringReader(line)).readObject();
    assertEquals("INFO", json.getString("level"));
    assertEquals("connection_close", json.getString("event"));
    assertEquals("ada", json.getString("user"));
    assertEquals(1234, json.getInt("durationMs"));
    assertEquals(1000, json.getInt("closeCode"));
  }

  @Test
  void anOrdinaryMessageKeepsItsText() {
    LogRecord record = new LogRecord(Level.WARNING, "Change feed catch-up failed; retrying");
    record.setLoggerName("io.syncline.change.ChangeSequencer");
    JsonObject json =
        Json.createReader(new StringReader(new JsonLogFormatter().format(record))).readObject();
    assertEquals("Change feed catch-up failed; retrying", json.getString("message"));
    assertEquals("WARNING", json.getString("level"));
  }

  @Test
  void recentErrorsKeepTheFirstLineWithText() {
    RecentErrors recent = new RecentErrors();
    recent.publish(new LogRecord(Level.INFO, "not kept"));
    recent.publish(new LogRecord(Level.SEVERE, "\n*****\n DEVELOPMENT MODE IS ON\n more"));
    assertEquals(1, recent.entries().size());
    assertEquals("DEVELOPMENT MODE IS ON", recent.entries().get(0).message());
  }
}
