package io.syncline.records;

import static io.syncline.records.LastWriterWins.Verdict.LOSES;
import static io.syncline.records.LastWriterWins.Verdict.SAME;
import static io.syncline.records.LastWriterWins.Verdict.WINS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/** The per-field merge rule: later timestamps win, ties broken the same way everywhere. */
class LastWriterWinsTest {

  private static FieldWrite set(String value, long at) {
    return new FieldWrite("title", Json.createValue(value), false, at);
  }

  private static FieldWrite unset(long at) {
    return new FieldWrite("title", null, true, at);
  }

  @Test
  void aLaterTimestampWinsAndAnEarlierOneLoses() {
    assertEquals(WINS, LastWriterWins.judge(set("new", 2000), Json.createValue("old"), 1000));
    assertEquals(LOSES, LastWriterWins.judge(set("new", 999), Json.createValue("old"), 1000));
    assertEquals(WINS, LastWriterWins.judge(unset(2000), Json.createValue("old"), 1000));
    assertEquals(LOSES, LastWriterWins.judge(set("back", 500), null, 1000)); // unset at 1000
  }

  @Test
  void aFieldNeverWrittenTakesAnyTimestamp() {
    assertEquals(WINS, LastWriterWins.judge(set("first", 1), null, 0));
  }

  @Test
  void equalTimestampsAreBrokenByTheValueWhicheverSideArrivesFirst() {
    JsonValue a = Json.createValue("apple");
    JsonValue b = Json.createValue("banana");
    assertEquals(WINS, LastWriterWins.judge(set("banana", 1000), a, 1000));
    assertEquals(LOSES, LastWriterWins.judge(set("apple", 1000), b, 1000));
    assertEquals(WINS, LastWriterWins.judge(set("apple", 1000), null, 1000)); // any value > unset
    assertEquals(LOSES, LastWriterWins.judge(unset(1000), a, 1000));
  }

  @Test
  void theSameValueAtTheSameTimestampIsTheSameWriteSeenAgain() {
    assertEquals(SAME, LastWriterWins.judge(set("x", 1000), Json.createValue("x"), 1000));
    assertEquals(SAME, LastWriterWins.judge(unset(1000), null, 1000));
  }
}
