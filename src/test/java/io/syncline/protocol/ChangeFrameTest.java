package io.syncline.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code change} is encoded by hand: the same JSON as JSON-B writes for it, in both namings. */
class ChangeFrameTest {

  /** The frame as JSON-B sees it (without the hand-written encoding). */
  public record Plain(Change change) {}

  private static final List<Change> CHANGES =
      List.of(
          new Change(
              "Task",
              "t-1",
              ChangeAction.CREATE,
              json("{\"title\":\"a \\\"quoted\\\" é\\n\",\"done\":false,\"n\":[1,2.5,null]}"),
              41,
              Instant.parse("2026-12-03T06:30:01.123Z"),
              "alice"),
          new Change("Task", "t\"2", ChangeAction.DELETE, null, 42, Instant.ofEpochMilli(0), null),
          new Change("Task", "t-4", null, null, 43, null, null),
          new Change(
              "Note",
              "n-3",
              ChangeAction.UPDATE,
              json("{\"text\":\"x\"}"),
              9_007_199_254_740_993L,
              Instant.parse("2026-12-03T06:30:01Z"),
              "b\\o\tb"),
          // data as the change log gives it back: kept as its text, copied into the frame
          new Change(
              "Task",
              "t-5",
              ChangeAction.UPDATE,
              StoredObject.of("{\"title\":\"s \\\"t\\\" ü\",\"tags\":[\"a\"],\"o\":{\"k\":1}}"),
              44,
              Instant.parse("2026-12-03T06:30:01.5Z"),
              "carol"));

  @Test
  void theHandWrittenPayloadIsWhatJsonBWritesInBothNamings() throws Exception {
    try (JsonbNamings jsonb = new JsonbNamings()) {
      Jsonb camel = jsonb.camel;
      Jsonb snake = jsonb.snake;
      for (Change change : CHANGES) {
        ChangeFrame frame = new ChangeFrame(change);
        Plain plain = new Plain(change);
        assertEquals(json(camel.toJson(plain)), json(frame.payloadJson()), change.toString());
        assertEquals(json(snake.toJson(plain)), json(frame.flatPayloadJson()), change.toString());
        assertEquals(json(camel.toJson(plain)).asJsonObject().keySet(), frame.payloadFields());
      }
    }
  }

  @Test
  void timestampsAreWrittenAsInstantWritesThem() {
    for (Instant instant :
        List.of(
            Instant.ofEpochMilli(0),
            Instant.parse("2026-12-03T06:30:01.120Z"),
            Instant.parse("2026-12-03T06:30:01.000120Z"),
            Instant.parse("2026-12-03T06:30:01.000000012Z"),
            Instant.parse("2026-12-03T06:30:01.5Z"),
            Instant.parse("2026-12-03T06:30:02Z"),
            Instant.parse("-0001-01-01T00:00:00.001Z"),
            Instant.parse("+12026-12-03T06:30:02.999Z"))) {
      StringBuilder out = new StringBuilder();
      JsonText.appendInstant(instant, out);
      assertEquals(instant.toString(), out.toString());
      out.setLength(0);
      JsonText.appendInstant(instant, out);
      assertEquals(instant.toString(), out.toString(), "the same second again, from the cache");
    }
  }

  @Test
  void stringsAreQuotedAsJsonPQuotesThem() {
    for (String value :
        List.of(
            "",
            "plain-id_42",
            "é ü 漢字 \uD83D\uDE00",
            "quote \" inside",
            "back\\slash",
            "tab\tnewline\ncr\r",
            "\u0000\u0001\u001f\u007f\u2028/")) {
      assertEquals(JsonFactory.JSON.createValue(value).toString(), JsonText.quote(value), value);
    }
  }

  private static JsonValue json(String text) {
    return JsonFactory.JSON.createReader(new StringReader(text)).readValue();
  }
}
