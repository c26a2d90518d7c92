package io.syncline.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.WrittenFields;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedMessageTest {

  @Test
  void changesCrossAsTheLogWouldGiveThemBackWithTheFieldsTheyWrote() {
    Instant now = Instant.ofEpochSecond(1_700_000_000L, 123_456_789L);
    WrittenFields fields =
        WrittenFields.of(
            List.of(
                new WrittenFields.Field("title", 1_700_000_000_123L, false),
                new WrittenFields.Field("gone \"x\"", 1_699_999_999_000L, true)));
    List<Change> committed =
        List.of(
            new Change(
                "Task",
                "t1",
                ChangeAction.CREATE,
                Json.createObjectBuilder().add("title", "a \"b\"").add("n", 2.5).build(),
                41,
                now,
                "ada",
                fields),
            new Change("Task", "t2", ChangeAction.DELETE, null, 42, now, null),
            new Change(
                "Note",
                "n3",
                ChangeAction.DELETE,
                null,
                43,
                now,
                "ann",
                WrittenFields.NONE,
                Json.createObjectBuilder().add("owner", "ann").build()));

    List<Change> received = ClusterBus.decodeChanges(ClusterBus.encodeChanges(committed));

    Instant millis = Instant.ofEpochMilli(now.toEpochMilli()); // the log keeps milliseconds
    assertEquals(
        List.of(
            new Change(
                "Task",
                "t1",
                ChangeAction.CREATE,
                committed.get(0).data(),
                41,
                millis,
                "ada",
                fields),
            new Change("Task", "t2", ChangeAction.DELETE, JsonValue.NULL, 42, millis, null),
            // a delete's removed record crosses too: another node's policy shows it to its owner
            new Change(
                "Note",
                "n3",
                ChangeAction.DELETE,
                JsonValue.NULL,
                43,
                millis,
                "ann",
                WrittenFields.NONE,
                committed.get(2).removed())),
        received);
    assertEquals(fields.list(), received.get(0).fields().list());
    assertTrue(received.get(1).fields().list().isEmpty());
  }

  private static Change created(long version, String text) {
    return new Change(
        "Task",
        "t" + version,
        ChangeAction.CREATE,
        Json.createObjectBuilder().add("text", text).build(),
        version,
        Instant.ofEpochMilli(1_700_000_000_000L),
        "ada");
  }

  @Test
  void aFeedMessageCarriesTheChangesUpToItsBoundThenOnlyTheVersion() {
    List<String> small = ClusterBus.feedMessage(List.of(created(7, "a"), created(9, "b")));
    assertEquals("9", small.get(0));
    assertEquals(2, ClusterBus.decodeChanges(small.get(1)).size());

    List<Change> many = new ArrayList<>();
    String text = "x".repeat(1_000);
    for (long v = 1; v <= 200; v++) {
      many.add(created(v, text));
    }
    List<String> large = ClusterBus.feedMessage(many);
    assertEquals(List.of("200", ""), large, "past 64 Ki characters only the version crosses");
  }

  @Test
  void aFeedMessageNeverExceedsTheRoomReservedForIt() {
    String text = "x";
    List<Change> changes = new ArrayList<>();
    // grow the changes until the message stops carrying them: every size on the way fits
    int largest = 0;
    while (true) {
      changes.add(created(Long.MAX_VALUE - changes.size(), text.repeat(97)));
      List<String> message = ClusterBus.feedMessage(changes);
      int size = message.get(0).length() + message.get(1).length();
      assertTrue(size <= ClusterBus.FEED_MESSAGE_MAX_CHARS, size + " characters");
      if (message.get(1).isEmpty()) {
        break;
      }
      largest = Math.max(largest, size);
    }
    assertTrue(largest > ClusterBus.MAX_CARRIED_CHARS - 1_000, "close to the bound: " + largest);
  }
}
