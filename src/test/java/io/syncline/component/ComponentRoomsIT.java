package io.syncline.component;

import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 001's component rooms as members see them: updates and nested components kept as the room's
 * state, which a late joiner gets on subscribing; typing and cursors relayed to the others; only
 * members change a room.
 */
@ExtendWith(SuiteServer.class)
class ComponentRoomsIT {

  private static WsClient as(String user) {
    WsClient client = WsClient.connect("/api/ws?access_token=" + TestTokens.token(user, "user"));
    client.expect("connection:established");
    return client;
  }

  private static void enter(WsClient client, String id) {
    client.send(envelope("subscribe", "in", object("channel", "component:" + id)));
    client.expect("subscribed");
    client.expect("presence:sync");
  }

  /** The next frame of {@code type}, skipping presence frames on the way. */
  private static JsonObject await(WsClient client, String type) {
    for (int i = 0; i < 20; i++) {
      JsonObject frame = client.next();
      if (frame.getString("type").equals(type)) {
        return frame;
      }
      assertTrue(frame.getString("type").startsWith("presence:"), () -> "unexpected " + frame);
    }
    throw new AssertionError("no " + type);
  }

  /** No room frame within {@code window}; presence frames (bob's join, in its window) may come. */
  private static void expectNoComponentFrame(WsClient client, Duration window) {
    long end = System.nanoTime() + window.toNanos();
    for (long left = window.toNanos(); left > 0; left = end - System.nanoTime()) {
      JsonObject frame = client.poll(Duration.ofNanos(left));
      if (frame == null) {
        return;
      }
      assertTrue(frame.getString("type").startsWith("presence:"), () -> "unexpected " + frame);
    }
  }

  @Test
  void aLateJoinerStartsFromTheRoomsStateAndChangesReachTheOthers() {
    String id = UUID.randomUUID().toString();
    try (WsClient ada = as("ada");
        WsClient bob = as("bob")) {
      enter(ada, id);
      ada.send(
          envelope(
              "component:update",
              "u",
              object("componentId", id, "updates", object("title", "Q3 plan", "owner", "ada"))));
      ada.send(
          envelope(
              "component:nested-create",
              "c",
              object(
                  "componentId",
                  id,
                  "rowId",
                  "r1",
                  "nestedComponent",
                  object("id", "n1", "text", "draft"))));
      JsonObject created = await(ada, "component:nested-created").getJsonObject("payload");
      assertEquals("ada", created.getString("createdBy"));
      ada.send(
          envelope(
              "component:update",
              "u2",
              object("componentId", id, "updates", object("owner", null))));
      // a connection's frames are handled in order: once the ping is answered, u2 is applied
      ada.send(envelope("ping", "after-u2", object()));
      await(ada, "pong");

      bob.send(envelope("subscribe", "in", object("channel", "component:" + id)));
      bob.expect("subscribed");
      bob.expect("presence:sync");
      JsonObject state = bob.expect("component:state").getJsonObject("payload");
      assertEquals(id, state.getString("componentId"));
      assertEquals("Q3 plan", state.getJsonObject("data").getString("title"));
      assertFalse(state.getJsonObject("data").containsKey("owner"), state::toString);
      assertEquals(
          "draft",
          state.getJsonObject("rows").getJsonObject("r1").getJsonObject("n1").getString("text"));

      bob.send(
          envelope(
              "component:nested-update",
              "n",
              object(
                  "componentId",
                  id,
                  "rowId",
                  "r1",
                  "nestedComponentId",
                  "n1",
                  "updates",
                  object("text", "final"))));
      JsonObject nested = await(ada, "component:nested-updated").getJsonObject("payload");
      assertEquals("final", nested.getJsonObject("updates").getString("text"));
      assertEquals("bob", nested.getString("updatedBy"));

      ada.send(envelope("component:typing", null, object("componentId", id)));
      assertEquals(
          "ada", await(bob, "component:typing").getJsonObject("payload").getString("userId"));
      ada.send(
          envelope(
              "component:cursor",
              null,
              object("componentId", id, "position", object("line", 3, "column", 9))));
      JsonObject cursor = await(bob, "component:cursor").getJsonObject("payload");
      assertEquals(9, cursor.getJsonObject("position").getInt("column"));
      assertEquals("ada@example.test", cursor.getString("userEmail"));

      bob.send(
          envelope(
              "component:nested-delete",
              "d",
              object("componentId", id, "rowId", "r1", "nestedComponentId", "n1")));
      assertEquals(
          "bob",
          await(ada, "component:nested-deleted").getJsonObject("payload").getString("deletedBy"));
      assertEquals(
          "n1",
          await(bob, "component:nested-deleted")
              .getJsonObject("payload")
              .getString("nestedComponentId"));
      bob.send(
          envelope(
              "component:nested-update",
              "gone",
              object(
                  "componentId",
                  id,
                  "rowId",
                  "r1",
                  "nestedComponentId",
                  "n1",
                  "updates",
                  object("text", "x"))));
      assertEquals("gone", bob.expectError("not_found").getString("requestId"));
      // the sender of an update or of typing is not told of it again
      expectNoComponentFrame(ada, Duration.ofMillis(300));
    }
  }

  @Test
  void onlyMembersChangeARoomAndNestedComponentsNeedAnId() {
    String id = UUID.randomUUID().toString();
    try (WsClient member = as("mia");
        WsClient outsider = as("otto")) {
      enter(member, id);
      outsider.send(
          envelope("component:update", "x", object("componentId", id, "updates", object("a", 1))));
      assertEquals("x", outsider.expectError("forbidden").getString("requestId"));
      member.send(
          envelope(
              "component:nested-create",
              "noid",
              object("componentId", id, "rowId", "r", "nestedComponent", object("text", "t"))));
      assertEquals("noid", member.expectError("bad_message").getString("requestId"));
      member.send(envelope("component:update", "bad", object("componentId", id)));
      member.expectError("bad_message");
    }
  }
}
