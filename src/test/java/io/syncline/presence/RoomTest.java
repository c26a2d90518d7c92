package io.syncline.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.PresenceDiff;
import io.syncline.protocol.PresenceJoined;
import io.syncline.protocol.PresenceLeft;
import io.syncline.protocol.PresenceSync;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class RoomTest {

  private final Room room = new Room("entity:Doc:1", true);

  @Test
  void oneJoinInAWindowIsAJoinAndSeveralAreOneDiff() {
    room.join("c1", "ada", null, null, null);
    assertInstanceOf(PresenceJoined.class, room.drain(100).orElseThrow());
    room.join("c2", "bob", null, null, null);
    room.join("c3", "cy", null, null, null);
    PresenceDiff diff = (PresenceDiff) room.drain(100).orElseThrow();
    assertEquals(2, diff.joins().size());
    assertTrue(room.drain(100).isEmpty());
  }

  @Test
  void aJoinAndLeaveInOneWindowCancelOut() {
    room.join("c1", "ada", null, null, null);
    room.leave("c1", "ada");
    assertTrue(room.drain(100).isEmpty());
  }

  @Test
  void aUserLeavesWithItsLastConnection() {
    room.join("tab1", "ada", null, null, null);
    room.join("tab2", "ada", null, null, null);
    room.drain(100);
    room.leave("tab1", "ada");
    assertTrue(room.drain(100).isEmpty());
    room.leave("tab2", "ada");
    assertInstanceOf(PresenceLeft.class, room.drain(100).orElseThrow());
  }

  @Test
  void metadataUpdatesCarryOnlyWhatChanged() {
    JsonObject before =
        Json.createObjectBuilder().add("status", "editing").add("cursor", 1).add("x", 0).build();
    JsonObject after = Json.createObjectBuilder().add("status", "editing").add("cursor", 7).build();
    room.join("c1", "ada", null, null, before);
    room.drain(100);
    room.join("c1", "ada", null, null, after);
    PresenceDiff diff = (PresenceDiff) room.drain(100).orElseThrow();
    JsonObject changed = diff.updates().get(0).metadata();
    assertEquals(7, changed.getInt("cursor"));
    assertEquals(JsonValue.NULL, changed.get("x"));
    assertTrue(!changed.containsKey("status"));
  }

  @Test
  void aLargeRoomReportsOnlyItsCount() {
    for (int i = 0; i < 5; i++) {
      room.join("c" + i, "u" + i, null, null, null);
    }
    PresenceSync sync = (PresenceSync) room.drain(3).orElseThrow();
    assertEquals(5, sync.count());
    assertEquals(null, sync.users());
    assertEquals(null, room.snapshot(3).users());
  }

  @Test
  void silentMembersAreSweptAndAnnounced() {
    room.join("c1", "ada", null, null, null);
    room.drain(100);
    assertEquals(1, room.sweep(System.currentTimeMillis() + 1).size());
    assertInstanceOf(PresenceLeft.class, room.drain(100).orElseThrow());
  }
}
