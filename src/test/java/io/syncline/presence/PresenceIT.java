package io.syncline.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Presence as a client sees it: joins, leaves, tabs, heartbeats, metadata, rooms. Changes close
 * together arrive coalesced ({@code presence:diff}), so the helpers accept a change alone or in a
 * diff, as a client must.
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

  private static JsonObject join(WsClient client, String resource, String extra) {
    client.send(
        "{\"type\":\"presence:join\",\"payload\":{\"resource\":\""
            + resource
            + "\""
            + extra
            + "}}");
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

  /** Reads presence frames until {@code user} shows up in {@code list} (joins, leaves, updates). */
  private static JsonObject awaitChange(WsClient client, String list, String user) {
    String single = list.equals("joins") ? "presence:join" : "presence:leave";
    for (int i = 0; i < 50; i++) {
      JsonObject frame = client.next();
      JsonObject payload = frame.getJsonObject("payload");
      String type = frame.getString("type");
      assertTrue(type.startsWith("presence:"), () -> "unexpected " + frame);
      if (type.equals(single) && payload.getJsonObject("user").getString("id").equals(user)) {
        return payload.getJsonObject("user");
      }
      if (type.equals("presence:diff")) {
        for (JsonValue change : payload.getJsonArray(list)) {
          if (change.asJsonObject().getString("id").equals(user)) {
            return change.asJsonObject();
          }
        }
      }
    }
    throw new AssertionError(user + " never showed up in " + list);
  }

  @Test
  void joinersGetTheListAndTheOthersGetTheJoinThenTheLeave() {
    String doc = resource();
    try (WsClient ada = as("ada");
        WsClient bob = as("bob")) {
      JsonObject first = join(ada, doc, ",\"name\":\"Ada\"");
      assertEquals(1, first.getInt("count"));
      assertEquals("Ada", first.getJsonArray("users").getJsonObject(0).getString("name"));
      JsonObject second = join(bob, doc, "");
      assertEquals(2, second.getInt("count"));
      JsonObject joined = awaitChange(ada, "joins", "bob");
      assertEquals("bob@example.test", joined.getString("email"));

      assertEquals(2, Rest.body(Rest.h2().get("/api/presence/" + doc), 200).getInt("count"));

      bob.send("{\"type\":\"presence:leave\",\"resource\":\"" + doc + "\"}");
      await(bob, "unsubscribed");
      awaitChange(ada, "leaves", "bob");
      assertEquals(1, Rest.body(Rest.h2().get("/api/presence/" + doc), 200).getInt("count"));
    }
  }

  @Test
  void aUserWithTwoTabsLeavesOnlyWhenTheLastCloses() {
    String doc = resource();
    try (WsClient watcher = as("walt")) {
      join(watcher, doc, "");
      WsClient tab1 = as("tess");
      WsClient tab2 = as("tess");
      join(tab1, doc, "");
      awaitChange(watcher, "joins", "tess");
      join(tab2, doc, "");
      tab1.closeAndAwait();
      watcher.expectNone(Duration.ofMillis(500));
      assertEquals(2, Rest.body(Rest.h2().get("/api/presence/" + doc), 200).getInt("count"));
      tab2.closeAndAwait();
      awaitChange(watcher, "leaves", "tess");
    }
  }

  @Test
  void aMemberWithoutHeartbeatsIsCleanedUp() {
    String doc = resource();
    try (WsClient steady = as("sam");
        WsClient quiet = as("quinn")) {
      join(steady, doc, "");
      join(quiet, doc, "");
      awaitChange(steady, "joins", "quinn");
      // sam keeps sending presence heartbeats; quinn's socket stays open but sends none
      Instant deadline = Instant.now().plusSeconds(15);
      while (Instant.now().isBefore(deadline)) {
        steady.send("{\"type\":\"presence:heartbeat\",\"resource\":\"" + doc + "\"}");
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
  void metadataChangesAreSentAsDiffs() {
    String doc = resource();
    try (WsClient ada = as("ada");
        WsClient bob = as("bob")) {
      join(ada, doc, ",\"metadata\":{\"status\":\"editing\",\"cursor\":1}");
      join(bob, doc, "");
      awaitChange(ada, "joins", "bob");
      awaitChange(bob, "joins", "bob");
      ada.send(
          "{\"type\":\"presence:join\",\"resource\":\""
              + doc
              + "\",\"metadata\":{\"status\":\"editing\",\"cursor\":7}}");
      JsonObject update = awaitChange(bob, "updates", "ada");
      assertEquals(7, update.getJsonObject("metadata").getInt("cursor"));
      assertFalse(update.getJsonObject("metadata").containsKey("status"), update::toString);
    }
  }

  @Test
  void roomsFollowSeed001() {
    String room = "component:" + UUID.randomUUID();
    try (WsClient ada = as("ada");
        WsClient bob = as("bob")) {
      ada.send("{\"type\":\"subscribe\",\"channel\":\"" + room + "\"}");
      ada.expect("subscribed");
      ada.expect("presence:sync");
      bob.send("{\"type\":\"subscribe\",\"channel\":\"" + room + "\"}");
      bob.expect("subscribed");
      assertEquals(2, bob.expect("presence:sync").getJsonObject("payload").getInt("count"));
      JsonObject joined = awaitChange(ada, "joins", "bob");
      assertEquals("bob@example.test", joined.getString("email"));

      bob.send(
          "{\"type\":\"broadcast\",\"channel\":\""
              + room
              + "\",\"event\":\"typing\",\"data\":{\"field\":\"title\"}}");
      assertEquals("typing", await(ada, "broadcast").getJsonObject("payload").getString("event"));
      bob.send("{\"type\":\"ping\",\"requestId\":\"after\"}");
      assertNotEquals("broadcast", await(bob, "pong").getString("type"));

      bob.send("{\"type\":\"unsubscribe\",\"channel\":\"" + room + "\"}");
      await(bob, "unsubscribed");
      awaitChange(ada, "leaves", "bob");
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
                      "{\"type\":\"notice\",\"payload\":{\"text\":\"hi\"}}"),
              202);
      assertEquals(2, sent.getInt("delivered"));
      tab1.expect("notice");
      tab2.expect("notice");
    }
  }
}
