package io.syncline.schema;

import static io.syncline.schema.SchemaCalls.ADMIN;
import static io.syncline.schema.SchemaCalls.USER;
import static io.syncline.schema.SchemaCalls.app;
import static io.syncline.schema.SchemaCalls.field;
import static io.syncline.schema.SchemaCalls.put;
import static io.syncline.schema.SchemaCalls.record;
import static io.syncline.schema.SchemaCalls.schemaGet;
import static io.syncline.schema.SchemaCalls.stored;
import static io.syncline.schema.SchemaCalls.subscribe;
import static io.syncline.schema.SchemaCalls.version;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Rest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code schema:update} after commit on {@code /api/ws} and {@code /schema_updates}, and the
 * requests of both.
 */
@ExtendWith(SuiteServer.class)
class SchemaBroadcastIT {

  private static final Duration QUIET = Duration.ofMillis(1500);

  /** A client of {@code /api/ws} subscribed to the app's schema channel. */
  private static WsClient unified(String app) {
    return WsClient.subscribed("/api/ws", "schema:" + app);
  }

  /** A client of {@code /schema_updates} that subscribed to the apps as it opened. */
  private static WsClient schemaSocket(String... apps) {
    WsClient client = WsClient.connect("/schema_updates?app=" + String.join(",", apps));
    client.expect("connection:established");
    for (String app : apps) {
      assertEquals("schema:" + app, client.expect("subscribed").getString("channel"));
    }
    return client;
  }

  private static void assertUpdate(JsonObject frame, String app, long version) {
    assertEquals("schema:update", frame.getString("type"), frame::toString);
    assertEquals("schema:" + app, frame.getString("channel"));
    JsonObject payload = frame.getJsonObject("payload");
    assertEquals(app, payload.getString("app"));
    assertEquals(version, payload.getJsonNumber("version").longValue());
    assertEquals("record", payload.getString("schemaType"));
    assertTrue(payload.getJsonObject("schema").containsKey("fields"), frame::toString);
  }

  @Test
  void aCommittedVersionReachesTheAppsSubscribersOnBothSocketsAndNoOneElse() {
    String app = app("live");
    String other = app("other");
    try (WsClient unified = unified(app);
        WsClient dedicated = schemaSocket(app);
        WsClient elsewhere = unified(other);
        WsClient elsewhereToo = schemaSocket(other)) {
      long version = stored(app, record(field("title", "string", true)));
      assertUpdate(unified.expect("schema:update"), app, version);
      assertUpdate(dedicated.expect("schema:update"), app, version);
      elsewhere.expectNone(QUIET);
      elsewhereToo.expectNone(Duration.ZERO);
    }
  }

  @Test
  void aPutThatRollsBackBroadcastsNothingAndUsesUpNoVersion() {
    String app = app("rollback");
    try (WsClient unified = unified(app);
        WsClient dedicated = schemaSocket(app)) {
      long first = stored(app, record(field("a", "string", false)));
      assertUpdate(unified.expect("schema:update"), app, first);
      assertUpdate(dedicated.expect("schema:update"), app, first);
      // an author id longer than its column: the database refuses the row when the transaction
      // commits
      String longAuthor = TestTokens.token("x".repeat(250), "admin");
      HttpResponse<String> failed =
          ADMIN
              .as(longAuthor)
              .put("/api/schemas/" + app, record(field("b", "string", false)), null);
      assertEquals("internal", body(failed, 500).getString("code"));
      unified.expectNone(QUIET);
      dedicated.expectNone(Duration.ZERO);
      assertEquals(1, body(USER.get("/api/schemas/" + app), 200).getInt("version"));
      assertEquals(2, stored(app, record(field("c", "string", false))));
      assertUpdate(unified.expect("schema:update"), app, 2);
      assertUpdate(dedicated.expect("schema:update"), app, 2);
    }
  }

  @Test
  void aRefusedPutBroadcastsNothing() {
    String app = app("refused");
    try (WsClient unified = unified(app);
        WsClient dedicated = schemaSocket(app)) {
      long first = stored(app, record(field("title", "string", true)));
      assertUpdate(unified.expect("schema:update"), app, first);
      assertUpdate(dedicated.expect("schema:update"), app, first);
      body(put(app, object("schemaType", "record", "schema", object("fields", 7)).toString()), 400);
      body(put(app, record(field("title", "integer", true))), 409);
      body(ADMIN.put("/api/schemas/" + app, record(field("title", "string", true)), "\"9\""), 412);
      body(USER.put("/api/schemas/" + app, record(field("title", "string", true)), null), 403);
      unified.expectNone(QUIET);
      dedicated.expectNone(Duration.ZERO);
      assertEquals(2, stored(app, record(field("title", "string", true))));
      assertUpdate(unified.expect("schema:update"), app, 2);
    }
  }

  @Test
  void schemaGetAnswersTheLatestOrAVersionOnBothSockets() {
    String app = app("get");
    stored(app, record(field("a", "string", false)));
    stored(app, record(field("a", "string", false), field("b", "number", false)));
    for (String path : List.of("/api/ws", "/schema_updates")) {
      try (WsClient client = WsClient.connect(path)) {
        client.expect("connection:established");
        client.send(schemaGet("latest", app, null));
        JsonObject latest = client.expect("schema:update");
        assertEquals("latest", latest.getString("requestId"));
        assertUpdate(latest, app, 2);
        client.send(schemaGet("first", app, 1L));
        JsonObject first = client.expect("schema:update");
        assertEquals("first", first.getString("requestId"));
        assertEquals(
            1,
            first.getJsonObject("payload").getJsonObject("schema").getJsonArray("fields").size());
        client.send(schemaGet("gone", app, 3L));
        assertEquals("gone", client.expectError("not_found").getString("requestId"));
        client.send(schemaGet("nobody", "nobody-" + app, null));
        assertEquals("nobody", client.expectError("not_found").getString("requestId"));
        client.send(schemaGet("zero", app, 0L));
        assertEquals("zero", client.expectError("bad_message").getString("requestId"));
        client.send(SchemaCalls.frame("schema:get", "noapp", Json.createObjectBuilder().build()));
        assertEquals("noapp", client.expectError("bad_message").getString("requestId"));
      }
    }
  }

  @Test
  void aSubscriberThatHoldsAnOlderVersionIsSentTheLatestAtOnce() {
    String app = app("away");
    for (int i = 0; i < 3; i++) {
      stored(app, record(field("f" + i, "string", false)));
    }
    for (String path : List.of("/api/ws", "/schema_updates")) {
      try (WsClient client = WsClient.connect(path)) {
        client.expect("connection:established");
        client.send(subscribe("behind", "schema:" + app, 1L));
        assertEquals("behind", client.expect("subscribed").getString("requestId"));
        JsonObject update = client.expect("schema:update");
        assertEquals("behind", update.getString("requestId"));
        assertUpdate(update, app, 3);
        client.send(subscribe("current", "schema:" + app, 3L));
        client.expect("subscribed");
        client.send(subscribe("unversioned", "schema:" + app, null));
        client.expect("subscribed");
        client.expectNone(QUIET);
      }
    }
  }

  @Test
  void theSchemaSocketServesSchemaMessagesOnlyAndStaysOpen() {
    String app = app("only");
    try (WsClient client = schemaSocket(app, "second-" + app)) {
      List<JsonObject> others =
          List.of(
              Json.createObjectBuilder()
                  .add("type", "push")
                  .add("entity", "Task")
                  .add("entityId", "t1")
                  .add("action", "create")
                  .add("data", Json.createObjectBuilder().add("title", "x"))
                  .build(),
              Json.createObjectBuilder().add("type", "sync").add("since", 0).build(),
              Json.createObjectBuilder().add("type", "presence:join").add("resource", "r").build(),
              Json.createObjectBuilder()
                  .add("type", "broadcast")
                  .add("channel", "schema:" + app)
                  .add("event", "typing")
                  .build(),
              Json.createObjectBuilder().add("type", "no-such-type").build());
      for (JsonObject other : others) {
        String type = other.getString("type");
        client.send(Json.createObjectBuilder(other).add("requestId", type).build().toString());
        assertEquals(type, client.expectError("unknown_type").getString("requestId"));
      }
      client.send(subscribe("entity", "entity:Task", null));
      assertEquals("entity", client.expectError("bad_channel").getString("requestId"));
      client.send(SchemaCalls.frame("ping", "alive", Json.createObjectBuilder().build()));
      assertEquals("alive", client.expect("pong").getString("requestId"));
      client.send(
          SchemaCalls.frame(
              "unsubscribe",
              "off",
              Json.createObjectBuilder().add("channel", "schema:" + app).build()));
      assertEquals("off", client.expect("unsubscribed").getString("requestId"));
      stored(app, record(field("a", "string", false)));
      client.expectNone(QUIET);
    }
  }

  @Test
  void theSchemaSocketServesNothingWithoutAToken() {
    try (WsClient client =
        WsClient.connect(SuiteServer.ws("/schema_updates?app=" + app("nobody")), Map.of())) {
      client.expect("connection:established");
      client.send(schemaGet("early", "board", null));
      JsonObject answer = client.nextOrClose(); // null if the auth deadline closed it first
      if (answer != null) {
        assertEquals("unauthenticated", answer.getJsonObject("payload").getString("code"));
      }
      assertEquals(1008, client.awaitClose());
    }
  }

  @Test
  void theSchemaSocketSubscribesItsAppsOnceAuthenticated() {
    String app = app("later");
    try (WsClient client =
        WsClient.connect(SuiteServer.ws("/schema_updates?app=" + app), Map.of())) {
      client.expect("connection:established");
      client.send(
          SchemaCalls.frame(
              "auth", "a", Json.createObjectBuilder().add("token", TestTokens.TESTER).build()));
      client.expect("auth:ok");
      assertEquals("schema:" + app, client.expect("subscribed").getString("channel"));
      long version = stored(app, record(field("a", "string", false)));
      assertUpdate(client.expect("schema:update"), app, version);
    }
  }

  @Test
  void concurrentVersionsAreBroadcastInVersionOrder() throws Exception {
    String app = app("ordered");
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    try (WsClient unified = unified(app);
        WsClient dedicated = schemaSocket(app)) {
      List<Future<HttpResponse<String>>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String body = record(field("title", "string", true), field("extra" + i, "string", false));
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return put(app, body);
                }));
      }
      start.countDown();
      for (Future<HttpResponse<String>> result : results) {
        body(result.get(), 201);
      }
      List<Long> expected = LongStream.rangeClosed(1, writers).boxed().toList();
      for (WsClient client : List.of(unified, dedicated)) {
        List<Long> received = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
          received.add(version(client.expect("schema:update")));
        }
        assertEquals(expected, received);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
