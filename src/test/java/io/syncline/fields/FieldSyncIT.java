package io.syncline.fields;

import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.field;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Rest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Field-level sync on {@code /api/ws}: per-field last writer wins, fan-out, catch-up, rights. */
@ExtendWith(SuiteServer.class)
class FieldSyncIT {

  private final Rest rest = Rest.h2();

  private static String unique(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  static WsClient client(String token) {
    WsClient client = WsClient.connect(SuiteServer.ws(WsClient.withToken("/api/ws", token)));
    client.expect("connection:established");
    return client;
  }

  /** Subscribes to the entity's fields and returns the version the subscription starts at. */
  static long subscribeFields(WsClient client, String entity) {
    client.send(envelope("subscribe_fields", "sf", object("entities", array(entity))));
    JsonObject subscribed = client.expect("subscribed");
    assertEquals("sf", subscribed.getString("requestId"));
    assertEquals("fields:" + entity, subscribed.getString("channel"));
    return subscribed.getJsonObject("payload").getJsonNumber("version").longValue();
  }

  static String pushFields(String requestId, String entity, String id, JsonObject... fields) {
    return envelope(
        "push_fields",
        requestId,
        object("entity", entity, "entityId", id, "fields", array((Object[]) fields)));
  }

  /** Frames up to and including the one of {@code type} answering {@code requestId}. */
  static List<JsonObject> until(WsClient client, String type, String requestId) {
    List<JsonObject> frames = new ArrayList<>();
    for (; ; ) {
      JsonObject frame = client.next();
      frames.add(frame);
      if (frame.getString("type").equals(type)
          && requestId.equals(frame.getString("requestId", null))) {
        return frames;
      }
    }
  }

  static JsonObject last(List<JsonObject> frames) {
    return frames.get(frames.size() - 1);
  }

  static List<JsonObject> ofType(List<JsonObject> frames, String type) {
    return frames.stream().filter(f -> f.getString("type").equals(type)).toList();
  }

  @Test
  void twoClientsPushingTenDifferentFieldsOfOneRecordAllApplyAndStaleFieldsLose() {
    String entity = unique("Note");
    String id = "n1";
    body(rest.post("/api/entities/" + entity, object("id", id, "title", "start").toString()), 201);
    try (WsClient alice = client(TestTokens.token("alice", "user"));
        WsClient bob = client(TestTokens.token("bob", "user"))) {
      subscribeFields(alice, entity);
      subscribeFields(bob, entity);
      long now = System.currentTimeMillis();
      for (int i = 0; i < 10; i++) {
        alice.send(pushFields("a" + i, entity, id, field("a" + i, "alice-" + i, "set", now)));
        bob.send(pushFields("b" + i, entity, id, field("b" + i, "bob-" + i, "set", now)));
      }
      for (WsClient client : List.of(alice, bob)) {
        Map<String, Long> ackVersions = new HashMap<>();
        Map<String, Long> changeVersions = new HashMap<>();
        while (ackVersions.size() < 10 || changeVersions.size() < 20) {
          JsonObject frame = client.next();
          JsonObject payload = frame.getJsonObject("payload");
          if (frame.getString("type").equals("field_push_ack")) {
            assertEquals(1, payload.getInt("applied"), frame::toString);
            assertEquals(0, payload.getInt("conflicts"), frame::toString);
            ackVersions.put(
                frame.getString("requestId"), frame.getJsonNumber("version").longValue());
          } else {
            assertEquals("field_change", frame.getString("type"), frame::toString);
            JsonObject change = payload.getJsonObject("change");
            assertEquals(
                change.getJsonNumber("version").longValue(),
                frame.getJsonNumber("version").longValue());
            assertEquals("set", change.getString("action"));
            changeVersions.put(
                change.getString("field"), change.getJsonNumber("version").longValue());
          }
        }
        ackVersions.forEach(
            (requestId, version) -> assertEquals(version, changeVersions.get(requestId)));
        assertEquals(20, new HashSet<>(changeVersions.values()).size(), "one version per push");
      }
      JsonObject record =
          body(rest.get("/api/entities/" + entity + "/" + id), 200).getJsonObject("data");
      assertEquals(21, record.size(), record::toString);
      for (int i = 0; i < 10; i++) {
        assertEquals("alice-" + i, record.getString("a" + i));
        assertEquals("bob-" + i, record.getString("b" + i));
      }

      // a stale field loses, alone: the other field of the same push applies
      alice.send(
          pushFields(
              "stale",
              entity,
              id,
              field("a0", "too late", "set", now - 60_000),
              field("z", "fresh", "set", now + 1)));
      List<JsonObject> frames = until(alice, "field_push_ack", "stale");
      JsonObject ack = last(frames).getJsonObject("payload");
      assertEquals(1, ack.getInt("applied"));
      assertEquals(1, ack.getInt("conflicts"));
      List<JsonObject> conflicts = ofType(frames, "field_conflict");
      assertEquals(1, conflicts.size(), frames::toString);
      JsonObject conflict = conflicts.get(0).getJsonObject("payload");
      assertEquals("stale", conflicts.get(0).getString("requestId"));
      assertEquals("a0", conflict.getString("field"));
      assertEquals("alice-0", conflict.getString("serverValue"));
      assertEquals(Instant.ofEpochMilli(now).toString(), conflict.getString("serverTimestamp"));
      assertEquals("too late", conflict.getString("clientValue"));
      assertEquals(
          Instant.ofEpochMilli(now - 60_000).toString(), conflict.getString("clientTimestamp"));
      JsonObject bobSees =
          bob.expect("field_change").getJsonObject("payload").getJsonObject("change");
      assertEquals("z", bobSees.getString("field"));
      assertEquals("alice", bobSees.getString("actor"));
      bob.expectNone(Duration.ofMillis(300));
      JsonObject after =
          body(rest.get("/api/entities/" + entity + "/" + id), 200).getJsonObject("data");
      assertEquals("alice-0", after.getString("a0"));
      assertEquals("fresh", after.getString("z"));
    }
  }

  @Test
  void aTimestampTooFarAheadOfTheServersClockIsRefusedAndNothingIsWritten() {
    String entity = unique("Skew");
    try (WsClient pusher = client(TestTokens.TESTER);
        WsClient watcher = client(TestTokens.TESTER)) {
      subscribeFields(watcher, entity);
      long future = System.currentTimeMillis() + 120_000;
      pusher.send(
          pushFields(
              "f",
              entity,
              "r1",
              field("ok", "now", "set", System.currentTimeMillis()),
              field("bad", "later", "set", Instant.ofEpochMilli(future).toString())));
      JsonObject error = pusher.expectError("bad_message");
      assertEquals("f", error.getString("requestId"));
      assertTrue(
          error.getJsonObject("payload").getString("message").contains("fields[1].timestamp"),
          error::toString);
      assertEquals(404, rest.get("/api/entities/" + entity + "/r1").statusCode());
      watcher.expectNone(Duration.ofMillis(300));
      pusher.send(envelope("ping", "p", object()));
      pusher.expect("pong");
    }
  }

  @Test
  void aFieldSubscriberThatReconnectsCatchesUpWithSync() {
    String entity = unique("Log");
    long since;
    try (WsClient watcher = client(TestTokens.TESTER)) {
      since = subscribeFields(watcher, entity);
    }
    long now = System.currentTimeMillis();
    try (WsClient writer = client(TestTokens.TESTER)) {
      writer.send(
          pushFields(
              "w1",
              entity,
              "r1",
              field("a", 1, "set", now),
              field("b", "two", "set", now),
              field("c", true, "set", now)));
      writer.expect("field_push_ack");
      writer.send(pushFields("w2", entity, "r1", field("b", null, "unset", now + 1)));
      writer.expect("field_push_ack");
    }
    try (WsClient watcher = client(TestTokens.TESTER)) {
      subscribeFields(watcher, entity);
      watcher.send(envelope("sync", "s", object("entity", entity, "since", since)));
      List<JsonObject> frames = until(watcher, "sync:complete", "s");
      List<String> seen = new ArrayList<>();
      long previous = since;
      for (JsonObject frame : frames.subList(0, frames.size() - 1)) {
        assertEquals("s", frame.getString("requestId"), frame::toString);
        long version = frame.getJsonNumber("version").longValue();
        assertTrue(version >= previous, "in version order");
        previous = version;
        JsonObject payload = frame.getJsonObject("payload");
        if (frame.getString("type").equals("field_change")) {
          JsonObject change = payload.getJsonObject("change");
          seen.add(
              change.getString("field")
                  + " "
                  + change.getString("action")
                  + " "
                  + change.get("value"));
        } else {
          assertEquals("change", frame.getString("type"));
          seen.add("change " + payload.getJsonObject("change").getString("action"));
        }
      }
      assertEquals(
          List.of(
              "change create",
              "a set 1",
              "b set \"two\"",
              "c set true",
              "change update",
              "b unset null"),
          seen);
    }
  }

  @Test
  void wholeRecordWritesAndFieldPushesShareTheFieldsTimestamps() {
    String entity = unique("Doc");
    try (WsClient fields = client(TestTokens.TESTER);
        WsClient records =
            WsClient.subscribed(
                WsClient.withToken("/api/ws", TestTokens.TESTER), "entity:" + entity)) {
      subscribeFields(fields, entity);
      body(
          rest.post(
              "/api/entities/" + entity, object("id", "d1", "title", "a", "body", "b").toString()),
          201);
      JsonObject created = records.expect("entity:created");
      JsonObject title =
          fields.expect("field_change").getJsonObject("payload").getJsonObject("change");
      JsonObject body =
          fields.expect("field_change").getJsonObject("payload").getJsonObject("change");
      assertEquals(
          Set.of("title", "body"), Set.of(title.getString("field"), body.getString("field")));
      assertEquals(
          created.getJsonNumber("version").longValue(), title.getJsonNumber("version").longValue());
      assertEquals("tester", title.getString("actor"));
      long committed = Instant.parse(title.getString("timestamp")).toEpochMilli();

      body(
          rest.patch(
              "/api/entities/" + entity + "/d1",
              object("title", "c", "body", "b").toString(),
              null),
          200);
      JsonObject patched =
          fields.expect("field_change").getJsonObject("payload").getJsonObject("change");
      assertEquals("title", patched.getString("field"), "only the field whose value changed");
      records.expect("entity:updated");
      fields.expectNone(Duration.ofMillis(200));
      long patchedAt = Instant.parse(patched.getString("timestamp")).toEpochMilli();
      assertTrue(patchedAt >= committed);

      fields.send(pushFields("old", entity, "d1", field("title", "older", "set", patchedAt - 1)));
      assertEquals(1, ofType(until(fields, "field_push_ack", "old"), "field_conflict").size());
      records.expectNone(Duration.ofMillis(200));

      fields.send(pushFields("new", entity, "d1", field("title", "newer", "set", patchedAt + 1)));
      List<JsonObject> applied = until(fields, "field_push_ack", "new");
      long version = last(applied).getJsonNumber("version").longValue();
      JsonObject updated = records.expect("entity:updated");
      assertEquals(version, updated.getJsonNumber("version").longValue());
      assertEquals("newer", updated.getJsonObject("payload").getString("title"));

      fields.send(pushFields("un", entity, "d1", field("title", null, "unset", patchedAt + 2)));
      until(fields, "field_push_ack", "un");
      assertFalse(
          body(rest.get("/api/entities/" + entity + "/d1"), 200)
              .getJsonObject("data")
              .containsKey("title"));

      assertEquals(204, rest.delete("/api/entities/" + entity + "/d1", null).statusCode());
      List<JsonObject> gone = new ArrayList<>();
      while (gone.size() < 1) {
        JsonObject frame = fields.next();
        if (frame.getString("type").equals("field_change")
            && frame
                .getJsonObject("payload")
                .getJsonObject("change")
                .getString("field")
                .equals("body")) {
          gone.add(frame.getJsonObject("payload").getJsonObject("change"));
        }
      }
      assertEquals("unset", gone.get(0).getString("action"));
      assertEquals(JsonValue.NULL, gone.get(0).get("value"));
      // an older write cannot bring a deleted record's field back
      fields.send(pushFields("zombie", entity, "d1", field("body", "again", "set", patchedAt)));
      assertEquals(1, ofType(until(fields, "field_push_ack", "zombie"), "field_conflict").size());
      assertEquals(404, rest.get("/api/entities/" + entity + "/d1").statusCode());
    }
  }

  @Test
  void oneRecordsFieldsCanBeFollowedAndFieldChannelsLeft() {
    String entity = unique("Pin");
    long now = System.currentTimeMillis();
    try (WsClient one = client(TestTokens.TESTER);
        WsClient all = client(TestTokens.TESTER);
        WsClient writer = client(TestTokens.TESTER)) {
      one.send(envelope("subscribe", "s", object("channel", "fields:" + entity + ":p1")));
      assertEquals("fields:" + entity + ":p1", one.expect("subscribed").getString("channel"));
      subscribeFields(all, entity);
      writer.send(pushFields("a", entity, "p2", field("x", 1, "set", now)));
      writer.send(pushFields("b", entity, "p1", field("y", 2, "set", now)));
      JsonObject mine = one.expect("field_change");
      assertEquals("fields:" + entity + ":p1", mine.getString("channel"));
      assertEquals(
          "p1", mine.getJsonObject("payload").getJsonObject("change").getString("entityId"));
      assertEquals(
          "p2",
          all.expect("field_change")
              .getJsonObject("payload")
              .getJsonObject("change")
              .getString("entityId"));
      assertEquals(
          "p1",
          all.expect("field_change")
              .getJsonObject("payload")
              .getJsonObject("change")
              .getString("entityId"));
      one.expectNone(Duration.ofMillis(200));

      all.send(envelope("unsubscribe", "u", object("channel", "fields:" + entity)));
      assertEquals("fields:" + entity, all.expect("unsubscribed").getString("channel"));
      writer.send(pushFields("c", entity, "p2", field("x", 3, "set", now + 1)));
      until(writer, "field_push_ack", "c");
      all.expectNone(Duration.ofMillis(300));
    }
  }

  @Test
  void fieldPushesFollowTheWritePolicyAndSubscriptionsTheReadPolicy() {
    long now = System.currentTimeMillis();
    String report = "r-" + UUID.randomUUID();
    try (WsClient editor = client(TestTokens.token("ed", "editor"));
        WsClient viewer = client(TestTokens.token("vi", "viewer"));
        WsClient user = client(TestTokens.token("us", "user"))) {
      subscribeFields(editor, "Report");
      subscribeFields(viewer, "Report");
      user.send(envelope("subscribe_fields", "u", object("entities", array("Report"))));
      assertEquals("u", user.expectError("forbidden").getString("requestId"));

      viewer.send(pushFields("v", "Report", report, field("title", "mine", "set", now)));
      assertEquals("v", viewer.expectError("forbidden").getString("requestId"));
      editor.expectNone(Duration.ofMillis(300));
      assertEquals(
          404,
          rest.as(TestTokens.token("ed", "editor"))
              .get("/api/entities/Report/" + report)
              .statusCode());

      editor.send(pushFields("e", "Report", report, field("title", "ours", "set", now)));
      assertEquals(
          1, last(until(editor, "field_push_ack", "e")).getJsonObject("payload").getInt("applied"));
      assertEquals(
          "ours",
          viewer
              .expect("field_change")
              .getJsonObject("payload")
              .getJsonObject("change")
              .getString("value"));
    }
    String owned = "o-" + UUID.randomUUID();
    try (WsClient ada = client(TestTokens.token("ada", "user"));
        WsClient bob = client(TestTokens.token("bob", "user"))) {
      subscribeFields(bob, "Owned");
      ada.send(
          pushFields(
              "a", "Owned", owned, field("owner", "ada", "set", now), field("x", 1, "set", now)));
      assertEquals(
          2, last(until(ada, "field_push_ack", "a")).getJsonObject("payload").getInt("applied"));
      bob.send(pushFields("b", "Owned", owned, field("x", 2, "set", now + 1)));
      assertEquals("b", bob.expectError("forbidden").getString("requestId"));
      bob.expectNone(Duration.ofMillis(300)); // nor does bob see ada's fields
    }
    try (WsClient anonymous = WsClient.connect(SuiteServer.ws("/api/ws"), Map.of())) {
      anonymous.expect("connection:established");
      anonymous.send(pushFields("n", "Doc", "x", field("a", 1, "set", now)));
      assertEquals("n", anonymous.expectError("unauthenticated").getString("requestId"));
    }
  }

  @Test
  void everyBadFieldPushGetsACodedErrorAndTheConnectionStaysOpen() {
    long now = System.currentTimeMillis();
    Map<String, String> bad = new HashMap<>();
    bad.put("no fields", envelope("push_fields", "1", object("entity", "Doc", "entityId", "x")));
    bad.put(
        "empty fields",
        envelope("push_fields", "2", object("entity", "Doc", "entityId", "x", "fields", array())));
    bad.put(
        "fields not an array",
        envelope("push_fields", "3", object("entity", "Doc", "entityId", "x", "fields", "title")));
    bad.put("bad action", pushFields("4", "Doc", "x", field("a", 1, "replace", now)));
    bad.put("bad timestamp", pushFields("5", "Doc", "x", field("a", 1, "set", "yesterday")));
    bad.put("no value", pushFields("6", "Doc", "x", field("a", null, "set", now)));
    bad.put("the id", pushFields("7", "Doc", "x", field("id", "y", "set", now)));
    bad.put(
        "twice", pushFields("8", "Doc", "x", field("a", 1, "set", now), field("a", 2, "set", now)));
    bad.put("bad entity", pushFields("9", "no way", "x", field("a", 1, "set", now)));
    bad.put("bad id", pushFields("10", "Doc", "x y", field("a", 1, "set", now)));
    bad.put(
        "no field name",
        pushFields("11", "Doc", "x", object("value", 1, "action", "set", "timestamp", now)));
    bad.put(
        "no timestamp",
        pushFields("12", "Doc", "x", object("field", "a", "value", 1, "action", "set")));
    bad.put("no entities", envelope("subscribe_fields", "13", object("entities", array())));
    try (WsClient client = client(TestTokens.TESTER)) {
      for (Map.Entry<String, String> input : bad.entrySet()) {
        client.send(input.getValue());
        JsonObject error = client.expect("error");
        assertEquals(
            "bad_message",
            error.getJsonObject("payload").getString("code"),
            input.getKey() + ": " + error);
        assertTrue(error.containsKey("requestId"), input.getKey());
      }
      // the form Task checks the record as the push leaves it: a new task needs a title
      String task = UUID.randomUUID().toString();
      client.send(pushFields("task", "Task", task, field("status", "open", "set", now)));
      assertEquals("task", client.expectError("validation_failed").getString("requestId"));
      assertEquals(404, rest.get("/api/tasks/" + task).statusCode());
      client.send(envelope("ping", "alive", object()));
      client.expect("pong");
    }
  }
}
