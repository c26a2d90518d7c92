package io.syncline.presence;

import static io.syncline.testing.Frames.broadcast;
import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Frames.ping;
import static io.syncline.testing.Frames.presenceHeartbeat;
import static io.syncline.testing.Frames.presenceJoin;
import static io.syncline.testing.Frames.presenceLeave;
import static io.syncline.testing.Frames.subscribe;
import static io.syncline.testing.Frames.unsubscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Presence as a client sees it: joins, leaves, tabs, heartbeats, metadata, rooms, and the opt-in
 * {@code diff} and {@code count} views. By default (PROTOCOL.md) every change is its own {@code
 * presence:join} or {@code presence:leave}.
 */
@ExtendWith(SuiteServer.class)
class PresenceIT {

  private static String resource() {
    return "entity:Doc:" + UUID.randomUUID();
  }

  private static WsClient as(String user) {
    WsClient client = WsClient.connect("/api/ws?access_token=" + TestTokens.token(user, "user"));
    client.expect("connection:established");
    return client;
  }

  /** Joins in the envelope dialect, with options as name/value pairs (name, metadata…). */
  private static JsonObject join(WsClient client, String resource, Object... options) {
    JsonObjectBuilder payload = Json.createObjectBuilder().add("resource", resource);
    object(options).forEach(payload::add);
    client.send(envelope("presence:join", null, payload.build()));
    client.expect("subscribed");
    return client.expect("presence:sync").getJsonObject("payload");
  }

  /** The next frame of {@code type}, skipping presence frames on the way. */
  private static JsonObject await(WsClient client, String type) {
    for (int i = 0; i < 50; i++) {
      JsonObject frame = client.next();
      if (frame.getString("type").equals(type)) {
        return frame;
      }
      assertTrue(frame.getString("type").startsWith("presence:"), () -> "unexpected " + frame);
    }
    throw new AssertionError("no " + type);
  }

  /** Reads presence frames until one of {@code type} about {@code user}; returns that user. */
  private static JsonObject awaitChange(WsClient client, String type, String user) {
    for (int i = 0; i < 50; i++) {
      JsonObject frame = client.next();
      String got = frame.getString("type");
      assertTrue(got.equals("presence:join") || got.equals("presence:leave"), frame::toString);
      JsonObject changed = frame.getJsonObject("payload").getJsonObject("user");
      if (got.equals(type) && changed.getString("id").equals(user)) {
        return changed;
      }
    }
    throw new AssertionError(user + " never showed up in " + type);
  }

  @Test
  void joinersGetTheListAndTheOthersGetTheJoinThenTheLeave() {
    String doc = resource();
    try (WsClient ada = as("ada");
        WsClient bob = as("bob")) {
      JsonObject first = join(ada, doc, "name", "Ada");
      assertEquals(1, first.getInt("count"));
      assertEquals("Ada", first.getJsonArray("users").getJsonObject(0).getString("name"));
      JsonObject second = join(bob, doc);
      assertEquals(2, second.getInt("count"));
      JsonObject joined = awaitChange(ada, "presence:join", "bob");
      assertEquals("bob@example.test", joined.getString("email"));

      assertEquals(2, Rest.body(Rest.h2().get("/api/presence/" + doc), 200).getInt("count"));

      bob.send(presenceLeave(doc));
      await(bob, "unsubscribed");
      awaitChange(ada, "presence:leave", "bob");
      assertEquals(1, Rest.body(Rest.h2().get("/api/presence/" + doc), 200).getInt("count"));
    }
  }

  @Test
  void aUserWithTwoTabsLeavesOnlyWhenTheLastCloses() {
    String doc = resource();
    try (WsClient watcher = as("walt")) {
      join(watcher, doc);
      WsClient tab1 = as("tess");
      WsClient tab2 = as("tess");
      join(tab1, doc);
      awaitChange(watcher, "presence:join", "tess");
      join(tab2, doc);
      tab1.closeAndAwait();
      watcher.expectNone(Duration.ofMillis(500));
      assertEquals(2, Rest.body(Rest.h2().get("/api/presence/" + doc), 200).getInt("count"));
      tab2.closeAndAwait();
      awaitChange(watcher, "presence:leave", "tess");
    }
  }

  @Test
  void aMemberWithoutHeartbeatsIsCleanedUp() {
    String doc = resource();
    try (WsClient steady = as("sam");
        WsClient quiet = as("quinn")) {
      join(steady, doc);
      join(quiet, doc);
      awaitChange(steady, "presence:join", "quinn");
      // sam keeps sending presence heartbeats; quinn's socket stays open but sends none
      Instant deadline = Instant.now().plusSeconds(15);
      while (Instant.now().isBefore(deadline)) {
        steady.send(presenceHeartbeat(doc));
        JsonObject frame = steady.poll(Duration.ofMillis(250));
        if (frame != null && frame.getString("type").equals("presence:leave")) {
          assertEquals(
              "quinn", frame.getJsonObject("payload").getJsonObject("user").getString("id"));
          JsonObject present = Rest.body(Rest.h2().get("/api/presence/" + doc), 200);
          assertEquals("sam", present.getJsonArray("users").getJsonObject(0).getString("id"));
          return;
        }
      }
      fail("quinn was never cleaned up");
    }
  }

  @Test
  void aJoinerGetsTheListButNotItsOwnJoin() {
    String doc = resource();
    try (WsClient ada = as("ada");
        WsClient bob = as("bob")) {
      join(ada, doc);
      JsonObject listed = join(bob, doc);
      assertEquals(
          java.util.Set.of("ada", "bob"),
          listed.getJsonArray("users").stream()
              .map(u -> u.asJsonObject().getString("id"))
              .collect(java.util.stream.Collectors.toSet()));
      awaitChange(ada, "presence:join", "bob");
      bob.send(ping("after"));
      assertEquals("pong", bob.next().getString("type"), "bob was told nothing about himself");
    }
  }

  @Test
  void aMetadataChangeIsAJoinWithTheNewStateAndADiffForThoseWhoAskedForDiffs() {
    String doc = resource();
    try (WsClient ada = as("ada");
        WsClient bob = as("bob");
        WsClient dora = as("dora")) {
      join(ada, doc, "metadata", object("status", "editing", "cursor", 1));
      join(bob, doc);
      join(dora, doc, "presenceMode", "diff");
      awaitChange(ada, "presence:join", "bob");
      awaitChange(bob, "presence:join", "dora");
      ada.send(presenceJoin(doc, "metadata", object("status", "editing", "cursor", 7)));
      JsonObject state = awaitChange(bob, "presence:join", "ada");
      assertEquals(7, state.getJsonObject("metadata").getInt("cursor"));
      assertEquals("editing", state.getJsonObject("metadata").getString("status"));

      JsonObject update = null;
      while (update == null) {
        // dora's own join may come first, in a diff of its own window
        JsonObject diff = dora.expect("presence:diff").getJsonObject("payload");
        update =
            diff.getJsonArray("updates").isEmpty()
                ? null
                : diff.getJsonArray("updates").getJsonObject(0);
      }
      assertEquals("ada", update.getString("id"));
      assertEquals(7, update.getJsonObject("metadata").getInt("cursor"));
      assertFalse(update.getJsonObject("metadata").containsKey("status"), update::toString);
    }
  }

  @Test
  void theCountViewIsToldOnlyHowManyArePresent() {
    String doc = resource();
    try (WsClient ada = as("ada");
        WsClient bob = as("bob");
        WsClient counter = as("carl")) {
      counter.send(subscribe("presence:" + doc, "presenceMode", "count"));
      counter.expect("subscribed");
      join(ada, doc);
      JsonObject counted = counter.expect("presence:sync").getJsonObject("payload");
      assertEquals(1, counted.getInt("count"));
      assertFalse(counted.containsKey("users"), counted::toString);
      join(bob, doc);
      assertEquals(2, counter.expect("presence:sync").getJsonObject("payload").getInt("count"));

      counter.send(subscribe("presence:" + doc, "presenceMode", "all"));
      counter.expectError("bad_message");
    }
  }

  @Test
  void roomsFollowSeed001() {
    String room = "component:" + UUID.randomUUID();
    try (WsClient ada = as("ada");
        WsClient bob = as("bob")) {
      ada.send(subscribe(room));
      ada.expect("subscribed");
      ada.expect("presence:sync");
      bob.send(subscribe(room));
      bob.expect("subscribed");
      assertEquals(2, bob.expect("presence:sync").getJsonObject("payload").getInt("count"));
      JsonObject joined = awaitChange(ada, "presence:join", "bob");
      assertEquals("bob@example.test", joined.getString("email"));

      bob.send(broadcast(room, "typing", object("field", "title")));
      assertEquals("typing", await(ada, "broadcast").getJsonObject("payload").getString("event"));
      bob.send(ping("after"));
      await(bob, "pong"); // fails on any frame but presence on the way: the sender's own broadcast

      bob.send(unsubscribe(room));
      await(bob, "unsubscribed");
      awaitChange(ada, "presence:leave", "bob");
    }
  }

  @Test
  void thePersonalRoomReachesEveryTabOfAUser() {
    String user = "u" + UUID.randomUUID().toString().substring(0, 8);
    try (WsClient tab1 = as(user);
        WsClient tab2 = as(user)) {
      JsonObject sent =
          Rest.body(
              Rest.h2()
                  .post(
                      "/api/channels/user:" + user + "/messages",
                      envelope("notice", null, object("text", "hi"))),
              202);
      assertEquals(2, sent.getInt("delivered"));
      tab1.expect("notice");
      tab2.expect("notice");
    }
  }
}
