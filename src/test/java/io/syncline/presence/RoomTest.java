package io.syncline.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.PresenceDiff;
import io.syncline.protocol.PresenceJoined;
import io.syncline.protocol.PresenceLeft;
import io.syncline.protocol.PresenceSync;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomTest {

  private final Room room = new Room("entity:Doc:1", true);

  private static List<String> described(Room.Announcement told) {
    return told.events().stream()
        .map(e -> (e.frame() instanceof PresenceJoined ? "join " : "leave ") + e.userId())
        .toList();
  }

  @Test
  void theEventsViewGetsEveryJoinAndLeaveInOrder() {
    room.join("c1", "ada", null, null, null);
    room.join("c2", "bob", null, null, null);
    room.leave("c1", "ada");
    Room.Announcement told = room.drain().orElseThrow();
    assertEquals(List.of("join ada", "join bob", "leave ada"), described(told));
    assertTrue(room.drain().isEmpty());
  }

  @Test
  void aJoinerIsNotToldWhatItsSnapshotShowed() {
    room.join("c1", "ada", null, null, null);
    room.join("c2", "bob", null, null, null);
    PresenceSync bobsSnapshot = room.snapshot(PresenceView.EVENTS);
    room.leave("c1", "ada");
    Room.Announcement told = room.drain().orElseThrow();
    assertEquals(2, bobsSnapshot.users().size());
    Room.Event adaJoined = told.events().get(0);
    Room.Event adaLeft = told.events().get(2);
    assertTrue(told.shown("c2", adaJoined), "bob's snapshot listed ada");
    assertFalse(told.shown("c2", adaLeft), "ada left after bob's snapshot");
    assertFalse(told.shown("c9", adaJoined), "a connection that did not join sees everything");
  }

  @Test
  void anExpectedJoinerIsToldNothingUntilItsSnapshot() {
    room.join("c1", "ada", null, null, null);
    room.expect("c2");
    Room.Announcement before = room.drain().orElseThrow();
    assertTrue(before.shown("c2", before.events().get(0)), "c2 subscribed but has no snapshot yet");
    room.join("c2", "bob", null, null, null);
    room.join("c3", "cy", null, null, null);
    Room.Announcement after = room.drain().orElseThrow();
    assertTrue(after.shown("c2", after.events().get(0)), "bob's own join is in his snapshot");
    assertFalse(after.shown("c2", after.events().get(1)), "cy joined after bob's snapshot");
    room.expect("c5");
    room.forget("c5");
    room.join("c6", "eve", null, null, null);
    Room.Announcement later = room.drain().orElseThrow();
    assertFalse(later.shown("c5", later.events().get(0)), "a forgotten joiner is a plain watcher");
  }

  @Test
  void theDiffViewGetsOneFrameAndAJoinAndLeaveInOneWindowCancelOut() {
    room.join("c1", "ada", null, null, null);
    room.join("c2", "bob", null, null, null);
    room.join("c3", "cy", null, null, null);
    room.leave("c3", "cy");
    PresenceDiff diff = room.drain().orElseThrow().diff().orElseThrow();
    assertEquals(List.of("ada", "bob"), diff.joins().stream().map(u -> u.id()).toList());
    assertTrue(diff.leaves().isEmpty());
  }

  @Test
  void aUserLeavesWithItsLastConnection() {
    room.join("tab1", "ada", null, null, null);
    room.join("tab2", "ada", null, null, null);
    room.drain();
    room.leave("tab1", "ada");
    assertTrue(room.drain().isEmpty());
    room.leave("tab2", "ada");
    assertInstanceOf(PresenceLeft.class, room.drain().orElseThrow().events().get(0).frame());
  }

  @Test
  void metadataChangesAreOneJoinWithTheWholeStateAndOneDiffWithWhatChanged() {
    JsonObject before =
        Json.createObjectBuilder().add("status", "editing").add("cursor", 1).add("x", 0).build();
    JsonObject after = Json.createObjectBuilder().add("status", "editing").add("cursor", 7).build();
    room.join("c1", "ada", null, null, before);
    room.drain();
    room.join("c1", "ada", null, null, Json.createObjectBuilder().add("cursor", 3).build());
    room.join("c1", "ada", null, null, after);
    Room.Announcement told = room.drain().orElseThrow();

    assertEquals(1, told.events().size(), "a burst of changes is one presence:join");
    PresenceJoined joined = (PresenceJoined) told.events().get(0).frame();
    assertEquals(after, joined.user().metadata());
    JsonObject changed = told.diff().orElseThrow().updates().get(0).metadata();
    assertEquals(7, changed.getInt("cursor"));
    assertEquals(JsonValue.NULL, changed.get("x"));
    assertTrue(changed.containsKey("status"), "status went away and came back within the window");
  }

  @Test
  void theCountViewGetsOnlyTheCountAndTheOthersTheList() {
    for (int i = 0; i < 5; i++) {
      room.join("c" + i, "u" + i, null, null, null);
    }
    PresenceSync count = room.drain().orElseThrow().count().orElseThrow();
    assertEquals(5, count.count());
    assertNull(count.users());
    assertNull(room.snapshot(PresenceView.COUNT).users());
    assertEquals(5, room.snapshot(PresenceView.EVENTS).users().size());
  }

  @Test
  void silentMembersAreSweptAndAnnounced() {
    room.join("c1", "ada", null, null, null);
    room.drain();
    assertEquals(1, room.sweep(System.currentTimeMillis() + 1).size());
    assertInstanceOf(PresenceLeft.class, room.drain().orElseThrow().events().get(0).frame());
  }
}
