package io.syncline.change;

import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.frame;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Frames.recovery;
import static io.syncline.testing.Frames.subscribe;
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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The change feed seen from outside: REST writes, live frames, catch-up, all with versions. */
@ExtendWith(SuiteServer.class)
class ChangeFeedIT {

  private final Rest rest = Rest.h2();

  private static String entity() {
    return "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** The feed's current version, as a snapshot read reports it. */
  private long lastVersion() {
    return body(rest.get("/api/entities/Probe?limit=1"), 200).getJsonNumber("version").longValue();
  }

  @Test
  void committedWritesReachSubscribersWithTheirVersions() {
    String entity = entity();
    try (WsClient all = WsClient.subscribed("/api/ws", "entity:" + entity);
        WsClient flat = WsClient.subscribed("/api/ws?dialect=flat", "entity:" + entity)) {
      JsonObject created =
          body(
              rest.post("/api/entities/" + entity, object("id", "r1", "name", "Ada").toString()),
              201);
      long v1 = created.getJsonNumber("version").longValue();
      JsonObject frame = all.expect("entity:created");
      assertEquals(v1, frame.getJsonNumber("version").longValue());
      assertEquals("r1", frame.getJsonObject("payload").getString("id"));
      assertEquals("Ada", frame.getJsonObject("payload").getString("name"));
      JsonObject change = flat.expect("change").getJsonObject("change");
      assertEquals("create", change.getString("action"));
      assertEquals("r1", change.getString("entity_id"));
      assertEquals(v1, change.getJsonNumber("version").longValue());

      try (WsClient one = WsClient.subscribed("/api/ws", "entity:" + entity + ":r1")) {
        body(
            rest.patch("/api/entities/" + entity + "/r1", object("name", "Grace").toString(), null),
            200);
        JsonObject updated = all.expect("entity:updated");
        assertEquals("Grace", updated.getJsonObject("payload").getString("name"));
        assertEquals(updated.getInt("version"), one.expect("entity:updated").getInt("version"));
        assertTrue(updated.getJsonNumber("version").longValue() > v1);

        assertEquals(204, rest.delete("/api/entities/" + entity + "/r1", null).statusCode());
        JsonObject deleted = one.expect("entity:deleted");
        assertEquals("r1", deleted.getJsonObject("payload").getString("id"));
        all.expect("entity:deleted");
      }
    }
  }

  @Test
  void aBatchWithOneRefusedWriteChangesAndBroadcastsNothing() {
    String entity = entity();
    body(rest.post("/api/entities/" + entity, object("id", "keep", "n", 1).toString()), 201);
    long before = lastVersion();
    try (WsClient watcher = WsClient.subscribed("/api/ws", "entity:" + entity)) {
      HttpResponse<String> refused =
          rest.post(
              "/api/entities/" + entity + "/batch",
              object(
                      "operations",
                      array(
                          object("action", "create", "id", "new", "data", object("n", 2)),
                          object("action", "patch", "id", "keep", "data", object("n", 3)),
                          object("action", "patch", "id", "missing", "data", object("n", 4))))
                  .toString());
      assertEquals(404, refused.statusCode(), refused.body());
      watcher.expectNone(Duration.ofMillis(500));
      assertEquals(404, rest.get("/api/entities/" + entity + "/new").statusCode());
      assertEquals(
          1,
          body(rest.get("/api/entities/" + entity + "/keep"), 200)
              .getJsonObject("data")
              .getInt("n"));
      assertEquals(before, lastVersion(), "a rolled-back write used up a version");
    }
  }

  @Test
  void aStaleIfMatchIsRefusedWith412AndOverwritesNothing() {
    String entity = entity();
    HttpResponse<String> created =
        rest.post("/api/entities/" + entity, object("id", "r", "v", 1).toString());
    String etag = created.headers().firstValue("ETag").orElseThrow();
    body(rest.put("/api/entities/" + entity + "/r", object("v", 2).toString(), etag), 200);

    HttpResponse<String> stale =
        rest.put("/api/entities/" + entity + "/r", object("v", 3).toString(), etag);
    assertEquals(412, stale.statusCode());
    assertEquals("conflict", Rest.json(stale.body()).getString("code"));
    assertEquals(
        412,
        rest.patch("/api/entities/" + entity + "/r", object("v", 3).toString(), etag).statusCode());
    assertEquals(412, rest.delete("/api/entities/" + entity + "/r", etag).statusCode());
    HttpResponse<String> current = rest.get("/api/entities/" + entity + "/r");
    assertEquals(2, body(current, 200).getJsonObject("data").getInt("v"));
    assertFalse(etag.equals(current.headers().firstValue("ETag").orElseThrow()));
  }

  @Test
  void unknownIdsAndMalformedBodiesGetCodedErrors() {
    String entity = entity();
    HttpResponse<String> missing = rest.get("/api/entities/" + entity + "/nope");
    assertEquals(404, missing.statusCode());
    assertEquals("not_found", Rest.json(missing.body()).getString("code"));
    assertEquals(
        404, rest.put("/api/entities/" + entity + "/nope", object().toString(), null).statusCode());

    HttpResponse<String> malformed = rest.post("/api/entities/" + entity, "{broken");
    assertEquals(400, malformed.statusCode());
    assertEquals("bad_json", Rest.json(malformed.body()).getString("code"));
    HttpResponse<String> array = rest.post("/api/entities/" + entity, "[1]");
    assertEquals(400, array.statusCode());
    assertEquals("bad_message", Rest.json(array.body()).getString("code"));
    HttpResponse<String> badTask = rest.post("/api/tasks", object("status", "open").toString());
    assertEquals(422, badTask.statusCode(), badTask.body());
    assertTrue(Rest.json(badTask.body()).getString("message").contains("title"), badTask.body());
  }

  @Test
  void tasksAreAJpaEntityInTheFeed() {
    try (WsClient watcher = WsClient.subscribed("/api/ws", "entity:Task")) {
      JsonObject task =
          body(
              rest.post(
                  "/api/tasks",
                  object("title", "Ship it", "assignee", "ada", "dueDate", "2026-12-01")
                      .toString()),
              201);
      JsonObject created = watcher.expect("entity:created");
      assertEquals(task.getString("id"), created.getJsonObject("payload").getString("id"));
      assertEquals("open", created.getJsonObject("payload").getString("status"));
      assertEquals("2026-12-01", created.getJsonObject("payload").getString("dueDate"));

      body(
          rest.patch(
              "/api/tasks/" + task.getString("id"), object("status", "done").toString(), null),
          200);
      assertEquals(
          "done", watcher.expect("entity:updated").getJsonObject("payload").getString("status"));
      JsonObject page = body(rest.get("/api/tasks?limit=500"), 200);
      assertTrue(
          page.getJsonNumber("version").longValue()
              >= created.getJsonNumber("version").longValue());
    }
  }

  /**
   * A JPA entity's version comes from the log, and a batch's changes are written to the log at its
   * commit: a later write of the same batch must still see the earlier one's version, so two writes
   * from the same base conflict.
   */
  @Test
  void aBatchJudgesATaskItChangedTwiceByItsNewVersion() {
    JsonObject task = body(rest.post("/api/tasks", object("title", "t0").toString()), 201);
    String id = task.getString("id");
    long v = task.getJsonNumber("version").longValue();

    HttpResponse<String> stale =
        rest.post(
            "/api/tasks/batch",
            object("operations", array(patch(id, "a", v), patch(id, "b", v))).toString());
    assertEquals(412, stale.statusCode(), "the second write's base is stale: " + stale.body());
    assertEquals(
        "t0", body(rest.get("/api/tasks/" + id), 200).getJsonObject("data").getString("title"));
  }

  private static JsonObject patch(String id, String title, long ifMatch) {
    return object("action", "patch", "id", id, "data", object("title", title), "ifMatch", ifMatch);
  }

  @Test
  void syncReturnsChangesAfterAVersionInOrder() {
    String entity = entity();
    long start = lastVersion();
    for (int i = 0; i < 5; i++) {
      body(rest.post("/api/entities/" + entity, object("id", "r" + i).toString()), 201);
    }
    JsonObject page = body(rest.get("/api/sync/" + entity + "?since=" + start + "&limit=3"), 200);
    assertEquals(3, page.getJsonArray("changes").size());
    assertTrue(page.getBoolean("hasMore"));
    long next = page.getJsonNumber("lastVersion").longValue();
    JsonObject rest2 = body(rest.get("/api/sync/" + entity + "?since=" + next), 200);
    assertEquals(2, rest2.getJsonArray("changes").size());
    assertFalse(rest2.getBoolean("hasMore"));

    try (WsClient client = WsClient.connect("/api/ws")) {
      client.expect("connection:established");
      client.send(frame("sync", "requestId", "s", "entity", entity, "since", start));
      long previous = start;
      List<Long> synced = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        JsonObject change =
            client.expect("change").getJsonObject("payload").getJsonObject("change");
        assertEquals("r" + i, change.getString("entityId"));
        assertTrue(change.getJsonNumber("version").longValue() > previous);
        previous = change.getJsonNumber("version").longValue();
        synced.add(previous);
      }
      JsonObject complete = client.expect("sync:complete");
      assertEquals("s", complete.getString("requestId"));
      assertEquals(
          previous, complete.getJsonObject("payload").getJsonNumber("lastVersion").longValue());

      client.send(recovery(null, previous - 1));
      JsonObject recovered = client.expect("recovery:response").getJsonObject("payload");
      assertEquals(previous, recovered.getJsonNumber("sequenceNumber").longValue());
      assertEquals("r4", recovered.getJsonObject("data").getString("entityId"));
      assertTrue(recovered.getBoolean("isComplete"));

      // nothing to recover: one complete frame at the head, its data written as null
      client.send(recovery(null, previous));
      JsonObject nothing = client.expect("recovery:response").getJsonObject("payload");
      assertTrue(
          nothing.getJsonNumber("sequenceNumber").longValue() >= previous, nothing::toString);
      assertEquals(JsonValue.NULL, nothing.get("data"), nothing::toString);
      assertTrue(nothing.getBoolean("isComplete"));

      // seed 003's missingRanges: the gaps below lastSequenceNumber come first, each once
      client.send(
          recovery(null, previous - 1, synced.get(2), synced.get(2), synced.get(1), synced.get(2)));
      List<Long> versions = new java.util.ArrayList<>();
      boolean done = false;
      while (!done) {
        JsonObject frame = client.expect("recovery:response").getJsonObject("payload");
        versions.add(frame.getJsonNumber("sequenceNumber").longValue());
        done = frame.getBoolean("isComplete");
      }
      assertEquals(List.of(synced.get(1), synced.get(2), previous), versions);
      client.send(recovery("bad", 1, 5, 2));
      assertEquals("bad", client.expectError("bad_message").getString("requestId"));
    }
  }

  @Test
  void aPrunedRangeAsksTheClientToResync() {
    String entity = entity();
    long start = lastVersion();
    body(rest.post("/api/entities/" + entity, object("id", "old").toString()), 201);
    Rest admin = rest.as(TestTokens.token("root", "admin"));
    assertEquals(
        403, rest.post("/api/sync/prune", object("through", (start + 1)).toString()).statusCode());
    body(admin.post("/api/sync/prune", object("through", (start + 1)).toString()), 200);
    HttpResponse<String> gone = rest.get("/api/sync/" + entity + "?since=" + start);
    assertEquals(410, gone.statusCode());
    assertEquals("resync_required", Rest.json(gone.body()).getString("code"));
    try (WsClient client = WsClient.connect("/api/ws")) {
      client.expect("connection:established");
      client.send(frame("sync", "entity", entity, "since", start));
      client.expectError("resync_required");
    }
  }

  @Test
  void subscribedCarriesTheVersionToFollowFrom() {
    String entity = entity();
    body(rest.post("/api/entities/" + entity, object("id", "a").toString()), 201);
    long snapshot =
        body(rest.get("/api/entities/" + entity), 200).getJsonNumber("version").longValue();
    try (WsClient client = WsClient.connect("/api/ws")) {
      client.expect("connection:established");
      client.send(subscribe("entity:" + entity));
      long subscribedAt =
          client.expect("subscribed").getJsonObject("payload").getJsonNumber("version").longValue();
      assertTrue(subscribedAt >= snapshot);
      JsonObject b = body(rest.post("/api/entities/" + entity, object("id", "b").toString()), 201);
      JsonObject frame = client.expect("entity:created");
      assertEquals(
          b.getJsonNumber("version").longValue(), frame.getJsonNumber("version").longValue());
      assertTrue(frame.getJsonNumber("version").longValue() > subscribedAt);
    }
  }

  @Test
  void longPollAnswersAtOnceWaitsForAChangeOrTimesOut() throws Exception {
    String entity = entity();
    long start = lastVersion();
    body(rest.post("/api/entities/" + entity, object("id", "x").toString()), 201);
    JsonObject immediate =
        body(rest.get("/api/poll?channels=entity:" + entity + "&since=" + start), 200);
    assertEquals(1, immediate.getJsonArray("changes").size());
    long after = immediate.getJsonNumber("lastVersion").longValue();

    var waiting =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> rest.get("/api/poll?channels=entity:" + entity + ":y&since=" + after));
    // another record of the same entity does not answer a poll on entity:E:y
    body(rest.post("/api/entities/" + entity, object("id", "z").toString()), 201);
    body(rest.post("/api/entities/" + entity, object("id", "y").toString()), 201);
    JsonObject woken = body(waiting.get(20, java.util.concurrent.TimeUnit.SECONDS), 200);
    assertEquals(1, woken.getJsonArray("changes").size());
    assertEquals("y", woken.getJsonArray("changes").getJsonObject(0).getString("entityId"));

    long now = lastVersion();
    JsonObject empty =
        body(
            rest.get("/api/poll?channels=entity:" + entity + "&since=" + now + "&timeout=300"),
            200);
    assertEquals(0, empty.getJsonArray("changes").size());
  }

  @Test
  void longPollRefusesChannelsItDoesNotServeAtOnce() {
    for (String channel :
        List.of("presence:entity:Task:1", "component:7", "user:tester", "schema:crm")) {
      java.net.http.HttpResponse<String> refused =
          rest.get("/api/poll?channels=entity:Task," + channel + "&since=0&timeout=20000");
      assertEquals(400, refused.statusCode(), channel);
      assertEquals("bad_channel", Rest.json(refused.body()).getString("code"), channel);
    }
  }
}
