package io.syncline.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncline.store.FieldStamps;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A field push merged into a record, and which fields a whole-record write changes. */
class FieldMergeTest {

  private static final JsonObject RECORD =
      Json.createObjectBuilder().add("title", "t").add("body", "b").build();

  private static FieldWrite set(String field, String value, long at) {
    return new FieldWrite(field, Json.createValue(value), false, at);
  }

  @Test
  void eachFieldIsJudgedAgainstItsOwnStamp() {
    FieldMerge merge =
        FieldMerge.of(
            RECORD,
            100,
            Map.of(
                "title", new FieldStamps.Stamp("title", 500, false, 3),
                "body", new FieldStamps.Stamp("body", 50, false, 1)),
            List.of(set("title", "older", 400), set("body", "newer", 60), set("tag", "new", 1)));
    assertEquals(List.of("body", "tag"), merge.written().stream().map(FieldWrite::field).toList());
    assertEquals("title", merge.lost().get(0).pushed().field());
    assertEquals(500, merge.lost().get(0).serverTimestamp());
    assertEquals(
        Json.createObjectBuilder().add("title", "t").add("body", "newer").add("tag", "new").build(),
        merge.next());
  }

  @Test
  void aFieldNoWritePathStampedDatesFromTheRecordsLastChange() {
    FieldMerge merge =
        FieldMerge.of(RECORD, 100, Map.of(), List.of(set("title", "x", 99), set("body", "y", 101)));
    assertEquals(List.of("body"), merge.written().stream().map(FieldWrite::field).toList());
    assertEquals(100, merge.lost().get(0).serverTimestamp());
  }

  @Test
  void aWholeRecordWriteChangesTheFieldsWhoseValueDiffers() {
    JsonObject after = Json.createObjectBuilder().add("title", "t").add("tag", "x").build();
    assertEquals(Set.of("body", "tag"), FieldMerge.changedFields(RECORD, after));
    assertEquals(Set.of("title", "body"), FieldMerge.changedFields(RECORD, null));
    assertEquals(Set.of("title", "body"), FieldMerge.changedFields(null, RECORD));
  }
}
