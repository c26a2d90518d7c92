package io.syncline.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedMessageTest {

  @Test
  void changesCrossAsTheLogWouldGiveThemBack() {
    Instant now = Instant.ofEpochSecond(1_700_000_000L, 123_456_789L);
    List<Change> committed =
        List.of(
            new Change(
                "Task",
                "t1",
                ChangeAction.CREATE,
                Json.createObjectBuilder().add("title", "a \"b\"").add("n", 2.5).build(),
                41,
                now,
                "ada"),
            new Change("Task", "t2", ChangeAction.DELETE, null, 42, now, null));

    List<Change> received = ClusterBus.decodeChanges(ClusterBus.encodeChanges(committed));

    Instant millis = Instant.ofEpochMilli(now.toEpochMilli()); // the log keeps milliseconds
    assertEquals(
        List.of(
            new Change(
                "Task", "t1", ChangeAction.CREATE, committed.get(0).data(), 41, millis, "ada"),
            new Change("Task", "t2", ChangeAction.DELETE, JsonValue.NULL, 42, millis, null)),
        received);
  }
}
