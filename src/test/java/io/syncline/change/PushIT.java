package io.syncline.change;

import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.frame;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Frames.resolve;
import static io.syncline.testing.Rest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pushes over the socket: acks, idempotent retries, conflicts and the strategies. */
@ExtendWith(SuiteServer.class)
class PushIT {

  private final Rest rest = Rest.h2();

  private static WsClient client() {
    WsClient client = WsClient.connect("/api/ws");
    client.expect("connection:established");
    return client;
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }

  private static String push(
      String requestId,
      String entity,
      String id,
      String action,
      JsonObject data,
      Long base,
      String mutation) {
    JsonObjectBuilder payload =
        Json.createObjectBuilder().add("entity", entity).add("entityId", id).add("action", action);
    if (data != null) {
      payload.add("data", data);
    }
    if (base != null) {
      payload.add("baseVersion", base);
    }
    if (mutation != null) {
      payload.add("mutationId", mutation);
    }
    return envelope("push", requestId, payload.build());
  }

  private static long ackVersion(WsClient client, String requestId) {
    JsonObject ack = client.expect("push_ack");
    assertEquals(requestId, ack.getString("requestId"));
    return ack.getJsonObject("payload").getJsonNumber("version").longValue();
  }

  @Test
  void aPushIsAppliedAndAcknowledgedWithItsVersion() {
    String id = id();
    try (WsClient client = client()) {
      client.send(push("c", "Item", id, "create", object("name", "pen"), null, "m-" + id));
      long version = ackVersion(client, "c");
      JsonObject record = body(rest.get("/api/entities/Item/" + id), 200);
      assertEquals(version, record.getJsonNumber("version").longValue());
      assertEquals("pen", record.getJsonObject("data").getString("name"));
    }
  }

  /** How many group-commit transactions the server has run, from its metrics. */
  private long groupCommits() {
    Matcher count =
        Pattern.compile("(?m)^syncline_group_commit_batch_size_count (\\S+)$")
            .matcher(rest.get("/metrics").body());
    assertTrue(count.find(), "the metric is exposed");
    return (long) Double.parseDouble(count.group(1));
  }

  @Test
  void pushesSentTogetherOnOneSocketAreAckedInTheirOrderPackedAndShareTransactions() {
    int pushes = 40;
    String prefix = id();
    long transactionsBefore = groupCommits();
    try (WsClient client = client()) {
      for (int i = 0; i < pushes; i++) {
        client.send(push("p" + i, "Item", prefix + i, "create", object("n", i), null, null));
      }
      long last = 0;
      for (int i = 0; i < pushes; i++) {
        JsonObject ack = client.expect("push_ack");
        assertEquals("p" + i, ack.getString("requestId"), "acked in the order pushed");
        long version = ack.getJsonObject("payload").getJsonNumber("version").longValue();
        assertTrue(
            version > last, "versions follow the order pushed: " + version + " after " + last);
        last = version;
      }
      long messagesWithAcks =
          client.textsSoFar().stream().filter(text -> text.contains("\"push_ack\"")).count();
      assertTrue(
          messagesWithAcks < pushes,
          pushes + " acks came in " + messagesWithAcks + " messages: none were packed together");
    }
    long transactions = groupCommits() - transactionsBefore;
    assertTrue(
        transactions < pushes,
        pushes
            + " pushes took "
            + transactions
            + " transactions: none waited for another's commit");
  }

  @Test
  void framesAfterPushesAreAnsweredAfterTheirAcksEvenWhenRefusedAtOnce() {
    String prefix = id();
    // 2,000 fields, each stamped: a commit slow enough that the frames after it arrive meanwhile
    JsonObjectBuilder wide = Json.createObjectBuilder();
    for (int f = 0; f < 2000; f++) {
      wide.add("f" + f, f);
    }
    try (WsClient client = client()) {
      client.send(push("wide", "Item", prefix + "w", "create", wide.build(), null, null));
      for (int i = 0; i < 5; i++) {
        client.send(push("p" + i, "Item", prefix + i, "create", object("n", i), null, null));
      }
      client.send(envelope("push", "no-entity", object("entityId", "x", "action", "create")));
      client.send(envelope("ping", "after", object()));
      assertEquals("wide", client.expect("push_ack").getString("requestId"));
      for (int i = 0; i < 5; i++) {
        JsonObject ack = client.expect("push_ack");
        assertEquals("p" + i, ack.getString("requestId"), "acked in the order pushed");
      }
      JsonObject refused = client.expect("error");
      assertEquals("no-entity", refused.getString("requestId"), "refused after the acks before it");
      assertEquals("after", client.expect("pong").getString("requestId"));
    }
  }

  /**
   * What would not fit the database (a mutation id or a field name past 200 characters) is refused
   * as a bad message before it is written, and the pushes committed with it are applied.
   */
  @Test
  void aMutationIdOrFieldNameTooLongIsRefusedAndThePushesAroundItAreApplied() {
    String prefix = id();
    JsonObjectBuilder wide = Json.createObjectBuilder(); // a slow commit: the rest wait together
    for (int f = 0; f < 2000; f++) {
      wide.add("f" + f, f);
    }
    String tooLong = "x".repeat(201);
    try (WsClient client = client()) {
      client.send(push("wide", "Item", prefix + "w", "create", wide.build(), null, null));
      client.send(push("before", "Item", prefix + "b", "create", object("n", 1), null, "m1"));
      client.send(push("mutation", "Item", prefix + "m", "create", object("n", 2), null, tooLong));
      client.send(push("field", "Item", prefix + "f", "create", object(tooLong, 3), null, "m3"));
      client.send(push("after", "Item", prefix + "a", "create", object("n", 4), null, "m4"));
      ackVersion(client, "wide");
      ackVersion(client, "before");
      JsonObject mutation = client.expectError("bad_message");
      assertEquals("mutation", mutation.getString("requestId"));
      assertTrue(
          mutation.getJsonObject("payload").getString("message").contains("200"),
          mutation::toString);
      JsonObject field = client.expectError("bad_message");
      assertEquals("field", field.getString("requestId"));
      ackVersion(client, "after");
    }
    for (String applied : List.of("w", "b", "a")) {
      assertEquals(200, rest.get("/api/entities/Item/" + prefix + applied).statusCode(), applied);
    }
    for (String refused : List.of("m", "f")) {
      assertEquals(404, rest.get("/api/entities/Item/" + prefix + refused).statusCode(), refused);
    }
  }

  @Test
  void aRetriedMutationIsAppliedOnce() {
    String id = id();
    String mutation = "m-" + id;
    try (WsClient client = client()) {
      client.send(push("c", "Counter", id, "create", object("n", 0), null, null));
      long base = ackVersion(client, "c");
      client.send(push("1", "Counter", id, "update", object("n", 1), base, mutation));
      long first = ackVersion(client, "1");
      client.send(push("2", "Counter", id, "update", object("n", 1), base, mutation));
      assertEquals(first, ackVersion(client, "2"));
      JsonObject changes = body(rest.get("/api/sync/Counter?since=" + base), 200);
      long forThisRecord =
          changes.getJsonArray("changes").stream()
              .filter(c -> c.asJsonObject().getString("entityId").equals(id))
              .count();
      assertEquals(1, forThisRecord);
    }
    try (WsClient reconnected = client()) {
      reconnected.send(push("3", "Counter", id, "update", object("n", 1), null, mutation));
      ackVersion(reconnected, "3");
    }
  }

  @Test
  void aStaleBaseVersionIsReportedAsConflictAndOverwritesNothing() {
    String id = id();
    try (WsClient alice = client();
        WsClient bob = client()) {
      alice.send(push("c", "Doc", id, "create", object("title", "draft"), null, null));
      long base = ackVersion(alice, "c");
      bob.send(push("b", "Doc", id, "update", object("title", "bob's"), base, null));
      long bobs = ackVersion(bob, "b");
      alice.send(push("a", "Doc", id, "update", object("title", "alice's"), base, null));
      JsonObject conflict = alice.expect("conflict:detect");
      assertEquals("a", conflict.getString("requestId"));
      JsonObject payload = conflict.getJsonObject("payload");
      assertEquals("Doc", payload.getString("entityType"));
      assertEquals("version", payload.getString("conflictType"));
      assertEquals(
          base,
          payload
              .getJsonObject("versions")
              .getJsonObject("local")
              .getJsonNumber("version")
              .longValue());
      JsonObject remote = payload.getJsonObject("versions").getJsonObject("remote");
      assertEquals(bobs, remote.getJsonNumber("version").longValue());
      assertEquals("bob's", remote.getJsonObject("data").getString("title"));
      assertEquals(
          "bob's",
          body(rest.get("/api/entities/Doc/" + id), 200).getJsonObject("data").getString("title"));

      // seed 003: the request to settle it by hand, right after, for the same conflict
      JsonObject manual = alice.expect("conflict:manual-resolution");
      assertEquals("a", manual.getString("requestId"));
      JsonObject resolution = manual.getJsonObject("payload");
      assertEquals(payload.getString("conflictId"), resolution.getString("conflictId"));
      JsonObject mine = resolution.getJsonArray("options").getJsonObject(0);
      JsonObject theirs = resolution.getJsonArray("options").getJsonObject(1);
      assertEquals("local", mine.getString("choice"));
      assertEquals(base, mine.getJsonNumber("version").longValue());
      assertEquals("alice's", mine.getJsonObject("data").getString("title"));
      assertEquals("remote", theirs.getString("choice"));
      assertEquals(bobs, theirs.getJsonNumber("version").longValue());
      assertEquals("bob's", theirs.getJsonObject("data").getString("title"));
      assertEquals(id, theirs.getString("id"));
      JsonObject ui = resolution.getJsonObject("ui");
      assertEquals(List.of("title"), strings(ui, "fields"));
      assertTrue(ui.getString("title").contains(id), ui::toString);
      assertTrue(ui.getString("description").contains("version " + bobs), ui::toString);

      alice.send(resolve("r", payload.getString("conflictId"), "local", null));
      assertTrue(ackVersion(alice, "r") > bobs);
      assertEquals(
          "alice's",
          body(rest.get("/api/entities/Doc/" + id), 200).getJsonObject("data").getString("title"));

      alice.send(resolve(null, payload.getString("conflictId"), "local", null));
      alice.expectError("not_found");
    }
  }

  @Test
  void theMergeStrategyCombinesChangesFieldByFieldAndReportsWhatItRejected() {
    String id = id();
    try (WsClient client = client()) {
      client.send(push("c", "Note", id, "create", object("title", "t", "body", "b"), null, null));
      long base = ackVersion(client, "c");
      client.send(push("s", "Note", id, "update", object("title", "server"), base, null));
      ackVersion(client, "s");
      client.send(push("m", "Note", id, "update", object("body", "client"), base, null));
      JsonObject mergeFrame = client.expect("conflict:auto-merge");
      JsonObject merge = mergeFrame.getJsonObject("payload");
      assertEquals("field-level", merge.getString("strategy"));
      JsonObject result = merge.getJsonObject("result");
      assertEquals("server", result.getJsonObject("merged").getString("title"));
      assertEquals("client", result.getJsonObject("merged").getString("body"));
      assertEquals(List.of("body"), strings(result, "accepted"));
      assertEquals(List.of(), strings(result, "rejected"));
      // the merge is a committed change: its frame has the version, as the ack has
      assertEquals(
          ackVersion(client, "m"),
          mergeFrame.getJsonNumber("version").longValue(),
          mergeFrame::toString);

      // title changed on the server since base: the server's value stays; tag is new: written
      client.send(
          push("o", "Note", id, "update", object("title", "overlap", "tag", "x"), base, null));
      result =
          client.expect("conflict:auto-merge").getJsonObject("payload").getJsonObject("result");
      assertEquals(List.of("tag"), strings(result, "accepted"));
      assertEquals(List.of("title"), strings(result, "rejected"));
      ackVersion(client, "o");
      JsonObject stored = body(rest.get("/api/entities/Note/" + id), 200).getJsonObject("data");
      assertEquals("server", stored.getString("title"));
      assertEquals("x", stored.getString("tag"));

      // both sides set the same value: no conflict for that field
      client.send(push("same", "Note", id, "update", object("title", "server"), base, null));
      result =
          client.expect("conflict:auto-merge").getJsonObject("payload").getJsonObject("result");
      assertEquals(List.of("title"), strings(result, "accepted"));
      assertEquals(List.of(), strings(result, "rejected"));
      ackVersion(client, "same");
    }
  }

  private static List<String> strings(JsonObject object, String key) {
    return object.getJsonArray(key).getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }

  @Test
  void aManualConflictIsSettledWithRemoteOrMerged() {
    try (WsClient alice = client()) {
      String remoteId = id();
      String conflict = conflictOn(alice, remoteId);
      alice.send(resolve("keep", conflict, "remote", null));
      long kept = ackVersion(alice, "keep");
      JsonObject record = body(rest.get("/api/entities/Doc/" + remoteId), 200);
      assertEquals("bob's", record.getJsonObject("data").getString("title"));
      assertEquals(kept, record.getJsonNumber("version").longValue(), "remote writes nothing");

      String mergedId = id();
      conflict = conflictOn(alice, mergedId);
      alice.send(resolve("mix", conflict, "merged", object("title", "both")));
      long merged = ackVersion(alice, "mix");
      record = body(rest.get("/api/entities/Doc/" + mergedId), 200);
      assertEquals("both", record.getJsonObject("data").getString("title"));
      assertEquals(merged, record.getJsonNumber("version").longValue());
    }
  }

  /** An update of a Doc based on a version changed since (to "bob's"): its conflict id. */
  private String conflictOn(WsClient alice, String id) {
    alice.send(push("c" + id, "Doc", id, "create", object("title", "first"), null, null));
    long base = ackVersion(alice, "c" + id);
    alice.send(push("b" + id, "Doc", id, "update", object("title", "bob's"), base, null));
    ackVersion(alice, "b" + id);
    alice.send(push("u" + id, "Doc", id, "update", object("title", "alice's"), base, null));
    String conflict =
        alice.expect("conflict:detect").getJsonObject("payload").getString("conflictId");
    assertEquals(
        conflict,
        alice
            .expect("conflict:manual-resolution")
            .getJsonObject("payload")
            .getString("conflictId"));
    return conflict;
  }

  @Test
  void lastWriteWinsAppliesOverANewerVersion() {
    String id = id();
    try (WsClient client = client()) {
      client.send(push("c", "Memo", id, "create", object("text", "one"), null, null));
      long base = ackVersion(client, "c");
      client.send(push("1", "Memo", id, "update", object("text", "two"), base, null));
      ackVersion(client, "1");
      client.send(push("2", "Memo", id, "update", object("text", "three"), base, null));
      ackVersion(client, "2");
      assertEquals(
          "three",
          body(rest.get("/api/entities/Memo/" + id), 200).getJsonObject("data").getString("text"));
    }
  }

  /**
   * Concurrent pushes are committed together (group commit); a refused push among them must cost
   * the others nothing: each good push is acknowledged once and stored once, each bad one refused.
   */
  @Test
  void concurrentPushesWithRefusedOnesAmongThemAreEachAnsweredAndStoredOnce() {
    String entity = "Burst" + UUID.randomUUID().toString().substring(0, 8);
    int clients = 8;
    int perClient = 25;
    List<WsClient> sockets = new java.util.ArrayList<>();
    try {
      for (int c = 0; c < clients; c++) {
        sockets.add(client());
      }
      for (int i = 0; i < perClient; i++) {
        for (int c = 0; c < clients; c++) {
          String id = c + "-" + i;
          sockets
              .get(c)
              .send(
                  i % 5 == 4 // every fifth is a Task without its required title: refused
                      ? push("r" + id, "Task", id(), "create", object("status", "open"), null, null)
                      : push(
                          "p" + id,
                          entity,
                          id,
                          "create",
                          object("n", i),
                          null,
                          "m-" + entity + id));
        }
      }
      java.util.Set<Long> versions = new java.util.HashSet<>();
      int good = 0;
      for (int c = 0; c < clients; c++) {
        WsClient socket = sockets.get(c);
        for (int i = 0; i < perClient; i++) {
          String id = c + "-" + i;
          if (i % 5 == 4) {
            assertEquals("r" + id, socket.expectError("validation_failed").getString("requestId"));
          } else {
            assertTrue(versions.add(ackVersion(socket, "p" + id)), "a version acknowledged twice");
            good++;
          }
        }
        socket.expectNone(Duration.ofMillis(50));
      }
      JsonObject page = body(rest.get("/api/entities/" + entity + "?limit=500"), 200);
      assertEquals(good, page.getJsonArray("items").size(), page::toString);
      for (JsonObject item : page.getJsonArray("items").getValuesAs(JsonObject.class)) {
        assertTrue(versions.contains(item.getJsonNumber("version").longValue()), item::toString);
      }
    } finally {
      sockets.forEach(WsClient::close);
    }
  }

  /**
   * A failure on the server's side (here a conflict on an entity whose configured strategy does not
   * exist) is answered {@code internal} each time, and never counts toward closing the client for
   * abuse, however often it happens.
   */
  @Test
  void serverFailuresAreAnsweredInternalAndNeverCloseTheClientForAbuse() {
    String id = id();
    try (WsClient client = client()) {
      client.send(push("c", "Misconfigured", id, "create", object("n", 0), null, null));
      long base = ackVersion(client, "c");
      client.send(push("u", "Misconfigured", id, "update", object("n", 1), base, null));
      ackVersion(client, "u");
      int stale = SuiteServer.ABUSE_THRESHOLD + 1;
      for (int i = 0; i < stale; i++) {
        client.send(push("s" + i, "Misconfigured", id, "update", object("n", 2), base, null));
      }
      for (int i = 0; i < stale; i++) {
        assertEquals("s" + i, client.expectError("internal").getString("requestId"));
      }
      client.send(frame("ping", "requestId", "alive"));
      assertEquals("alive", client.expect("pong").getString("requestId"));
      assertEquals(
          1,
          body(rest.get("/api/entities/Misconfigured/" + id), 200)
              .getJsonObject("data")
              .getInt("n"));
    }
  }

  @Test
  void badPushesGetCodedErrors() {
    try (WsClient client = client()) {
      client.send(push("u", "Item", id(), "update", object("a", 1), null, null));
      assertEquals("u", client.expectError("not_found").getString("requestId"));
      client.send(push("x", "Item", id(), "explode", object(), null, null));
      client.expectError("bad_message");
      client.send(push("t", "Task", id(), "create", object("status", "open"), null, null));
      client.expectError("validation_failed");
      client.expectNone(Duration.ofMillis(200));
    }
  }

  @Test
  void theLegacyEndpointServesSeed002ClientsVerbatim() {
    String id = id();
    try (WsClient legacy = WsClient.connect("/api/sync/ws")) {
      JsonObject hello = legacy.expect("connection:established");
      assertTrue(hello.containsKey("connection_id"), hello::toString);
      legacy.send(frame("subscribe", "entities", array("users", "posts")));
      assertEquals("entity:users", legacy.expect("subscribed").getString("channel"));
      legacy.expect("subscribed");
      body(rest.post("/api/entities/users", object("id", id, "name", "Ada").toString()), 201);
      JsonObject change = legacy.expect("change").getJsonObject("change");
      assertEquals("users", change.getString("entity"));
      assertEquals(id, change.getString("entity_id"));
      assertEquals("create", change.getString("action"));
      assertEquals("Ada", change.getJsonObject("data").getString("name"));

      legacy.send(
          frame(
              "push",
              "entity",
              "users",
              "entity_id",
              id,
              "action",
              "update",
              "data",
              object("name", "Grace")));
      // the change is fanned out as the push commits, so it may come before or after the ack
      JsonObject first = legacy.next();
      JsonObject second = legacy.next();
      JsonObject ack = first.getString("type").equals("push_ack") ? first : second;
      JsonObject change2 = ack == first ? second : first;
      assertEquals("push_ack", ack.getString("type"));
      assertEquals(id, ack.getString("entity_id"));
      assertEquals("change", change2.getString("type"));
      assertEquals(ack.getInt("version"), change2.getJsonObject("change").getInt("version"));

      legacy.send(
          frame("validate_field", "request_id", "v", "form", "f", "field", "x", "value", "y"));
      assertEquals("unknown_type", legacy.expect("error").getString("code"));
      legacy.send(frame("broadcast", "channel", "component:1", "event", "e"));
      assertEquals("unknown_type", legacy.expect("error").getString("code"));
      // entity sync only: no other kind of channel
      for (String channel : List.of("component:room", "presence:lobby", "schema:crm", "user:x")) {
        legacy.send(frame("subscribe", "channel", channel));
        assertEquals("bad_channel", legacy.expect("error").getString("code"), channel);
      }
    }
  }

  /** A stale push on the legacy endpoint meets its conflict, which is settled on that socket. */
  @Test
  void aConflictOnTheLegacyEndpointIsSettledThere() {
    String id = id();
    long base =
        body(rest.post("/api/entities/Doc", object("id", id, "title", "draft").toString()), 201)
            .getJsonNumber("version")
            .longValue();
    body(rest.patch("/api/entities/Doc/" + id, object("title", "theirs").toString(), null), 200);
    try (WsClient legacy = WsClient.connect("/api/sync/ws")) {
      legacy.expect("connection:established");
      legacy.send(
          frame(
              "push",
              "request_id",
              "stale",
              "entity",
              "Doc",
              "entity_id",
              id,
              "action",
              "update",
              "data",
              object("title", "mine"),
              "base_version",
              base));
      String conflict = legacy.expect("conflict:detect").getString("conflict_id");
      assertEquals(conflict, legacy.expect("conflict:manual-resolution").getString("conflict_id"));
      legacy.send(
          frame("conflict:resolve", "request_id", "r", "conflict_id", conflict, "choice", "local"));
      assertEquals("r", legacy.expect("push_ack").getString("request_id"));
    }
    assertEquals(
        "mine",
        body(rest.get("/api/entities/Doc/" + id), 200).getJsonObject("data").getString("title"));
  }
}
