package io.syncline.protocol;

import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.field;
import static io.syncline.testing.Frames.frame;
import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PROTOCOL.md, row by row, as a client written only from it would use it: every client message of
 * the message table in both dialects ({@code /api/ws} and {@code ?dialect=flat}), every server
 * message with the fields the contract names, every endpoint. Each message type it saw is recorded;
 * {@link #everyRowOfTheContractWasSeen} then fails on any type of the contract's tables that no
 * test here met. The contract is the copy in {@code src/test/resources/contract/PROTOCOL.md}.
 */
@ExtendWith(SuiteServer.class)
class ConformanceIT {

  /** The message types met, per dialect. */
  private static final Map<Dialect, Set<String>> SEEN = new ConcurrentHashMap<>();

  /** The types only other suites can provoke on the shared server, and the test that shows each. */
  private static final Map<String, String> SHOWN_ELSEWHERE =
      Map.of("rate-limit", "LimitsIT (a server with low limits)");

  enum Dialect {
    ENVELOPE("/api/ws"),
    FLAT("/api/ws?dialect=flat");

    final String path;

    Dialect(String path) {
      this.path = path;
    }

    /** A field name as this dialect writes it: camelCase in the envelope, snake_case flat. */
    String name(String camel) {
      return this == ENVELOPE
          ? camel
          : camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    /** A client frame: the payload in an envelope, or its fields at the top level. */
    String frame(String type, String requestId, JsonObject payload) {
      JsonObjectBuilder frame = Json.createObjectBuilder().add("type", type);
      if (requestId != null) {
        frame.add(name("requestId"), requestId);
      }
      if (this == ENVELOPE) {
        frame.add("payload", payload);
      } else {
        payload.forEach((key, value) -> frame.add(name(key), value));
      }
      return frame.build().toString();
    }

    /** What a server frame carries: its payload, or its own fields. */
    JsonObject fields(JsonObject frame) {
      return this == ENVELOPE ? frame.getJsonObject("payload") : frame;
    }
  }

  /** One client of the contract in a dialect, recording the frame types it receives. */
  private static final class Client implements AutoCloseable {
    final Dialect dialect;
    final WsClient socket;

    Client(Dialect dialect, String user) {
      this.dialect = dialect;
      this.socket =
          WsClient.connect(
              SuiteServer.ws(
                  WsClient.withToken(dialect.path, TestTokens.token(user, "user", "service"))));
      JsonObject hello = expect("connection:established", null);
      shape(
          hello, "connectionId", "userId", "heartbeatInterval", "maxFrameBytes", "protocolVersion");
      assertEquals(
          SuiteServer.MAX_FRAME_BYTES,
          hello.getInt(dialect.name("maxFrameBytes")),
          hello::toString);
    }

    void send(String type, String requestId, JsonObject payload) {
      socket.send(dialect.frame(type, requestId, payload));
      seen(type);
    }

    /** The next frame, of {@code type}, echoing {@code requestId} when one was sent; its fields. */
    JsonObject expect(String type, String requestId) {
      JsonObject frame = socket.expect(type);
      seen(type);
      if (requestId != null) {
        assertEquals(requestId, frame.getString(dialect.name("requestId"), null), frame::toString);
      }
      if (dialect == Dialect.ENVELOPE) {
        assertTrue(frame.get("timestamp") instanceof jakarta.json.JsonNumber, frame::toString);
      }
      return dialect.fields(frame);
    }

    JsonObject expectError(String code, String requestId) {
      JsonObject error = expect("error", requestId);
      shape(error, "code", "message", "recoverable");
      assertEquals(code, error.getString("code"), error::toString);
      return error;
    }

    /** Asserts that {@code object} has each field, named as this dialect names it. */
    JsonObject shape(JsonObject object, String... fields) {
      for (String field : fields) {
        assertTrue(
            object.containsKey(dialect.name(field)),
            () -> dialect + ": no " + dialect.name(field) + " in " + object);
      }
      return object;
    }

    JsonObject object(JsonObject parent, String field) {
      return parent.getJsonObject(dialect.name(field));
    }

    private void seen(String type) {
      SEEN.computeIfAbsent(dialect, d -> ConcurrentHashMap.newKeySet()).add(type);
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  private static String id() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void authSubscribeUnsubscribeAndErrors(Dialect dialect) {
    try (WsClient anonymous = WsClient.connect(SuiteServer.ws(dialect.path), Map.of())) {
      anonymous.expect("connection:established");
      anonymous.send(dialect.frame("auth", "a", object("token", TestTokens.token("ada", "user"))));
      JsonObject ok = anonymous.expect("auth:ok");
      assertEquals("a", ok.getString(dialect.name("requestId")));
      JsonObject fields = dialect.fields(ok);
      for (String field : new String[] {"userId", "roles", "expiresAt"}) {
        assertTrue(fields.containsKey(dialect.name(field)), () -> field + " in " + ok);
      }
      SEEN.computeIfAbsent(dialect, d -> ConcurrentHashMap.newKeySet())
          .addAll(Set.of("auth", "auth:ok"));
    }
    try (Client client = new Client(dialect, "ada")) {
      client.send("subscribe", "s", object("channel", "entity:Conf"));
      assertEquals(
          "entity:Conf",
          client.shape(client.expect("subscribed", "s"), "channel").getString("channel"));
      client.send("unsubscribe", "u", object("channel", "entity:Conf"));
      client.shape(client.expect("unsubscribed", "u"), "channel");
      client.send("subscribe", "bad", object("channel", "nonsense"));
      client.expectError("bad_channel", "bad");
      client.send("no-such-type", "n", object());
      client.expectError("unknown_type", "n");
      client.socket.send("{not json");
      client.expectError("bad_json", null);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void pushesAndTheChangesTheyMake(Dialect dialect) {
    String entity = "Conf" + dialect.name();
    String id = id();
    try (Client writer = new Client(dialect, "ada");
        Client watcher = new Client(dialect, "bob")) {
      watcher.send("subscribe", "w", object("channel", "entity:" + entity));
      watcher.expect("subscribed", "w");

      writer.send(
          "push",
          "c",
          object(
              "entity",
              entity,
              "entityId",
              id,
              "action",
              "create",
              "data",
              object("n", 1),
              "mutationId",
              "m-" + id));
      JsonObject ack =
          writer.shape(
              writer.expect("push_ack", "c"), "entity", "entityId", "version", "mutationId");
      long created = ack.getJsonNumber(dialect.name("version")).longValue();
      changeFrame(watcher, "create", id, created);

      writer.send(
          "push",
          "u",
          object(
              "entity",
              entity,
              "entityId",
              id,
              "action",
              "update",
              "data",
              object("n", 2),
              "baseVersion",
              created));
      long updated =
          writer.expect("push_ack", "u").getJsonNumber(dialect.name("version")).longValue();
      changeFrame(watcher, "update", id, updated);

      // a stale base: conflict:detect, settled with conflict:resolve
      writer.send(
          "push",
          "stale",
          object(
              "entity",
              entity,
              "entityId",
              id,
              "action",
              "update",
              "data",
              object("n", 3),
              "baseVersion",
              created));
      JsonObject conflict =
          writer.shape(
              writer.expect("conflict:detect", "stale"),
              "conflictId",
              "entityType",
              "entityId",
              "versions",
              "conflictType");
      writer.shape(writer.object(conflict, "versions"), "local", "remote");
      // seed 003: the request to settle it by hand follows, for the same conflict
      JsonObject manual =
          writer.shape(
              writer.expect("conflict:manual-resolution", "stale"), "conflictId", "options", "ui");
      assertEquals(
          conflict.getString(dialect.name("conflictId")),
          manual.getString(dialect.name("conflictId")));
      writer.shape(writer.object(manual, "ui"), "title", "description", "fields");
      writer.send(
          "conflict:resolve",
          "r",
          object("conflictId", conflict.getString(dialect.name("conflictId")), "choice", "local"));
      long resolved =
          writer.expect("push_ack", "r").getJsonNumber(dialect.name("version")).longValue();
      changeFrame(watcher, "update", id, resolved);

      writer.send("push", "d", object("entity", entity, "entityId", id, "action", "delete"));
      long deleted =
          writer.expect("push_ack", "d").getJsonNumber(dialect.name("version")).longValue();
      changeFrame(watcher, "delete", id, deleted);

      // sync and recovery replay the same changes
      writer.send("sync", "y", object("entity", entity, "since", created - 1));
      for (long version : new long[] {created, updated, resolved, deleted}) {
        JsonObject change = writer.object(writer.expect("change", "y"), "change");
        writer.shape(
            change, "entity", "entityId", "action", "data", "version", "timestamp", "actor");
        assertEquals(version, change.getJsonNumber(dialect.name("version")).longValue());
      }
      JsonObject complete =
          writer.shape(writer.expect("sync:complete", "y"), "entity", "lastVersion");
      assertEquals(deleted, complete.getJsonNumber(dialect.name("lastVersion")).longValue());

      writer.send("recovery:request", "rr", object("lastSequenceNumber", deleted - 1));
      JsonObject recovered =
          writer.shape(
              writer.expect("recovery:response", "rr"), "sequenceNumber", "data", "isComplete");
      assertTrue(recovered.getJsonNumber(dialect.name("sequenceNumber")).longValue() >= deleted);
    }
  }

  /** The watcher's frame for a committed change: entity:* in the envelope, change when flat. */
  private static void changeFrame(Client watcher, String action, String id, long version) {
    if (watcher.dialect == Dialect.ENVELOPE) {
      String type = "entity:" + (action.equals("create") ? "created" : action + "d");
      JsonObject frame = watcher.socket.expect(type);
      watcher.seen(type);
      assertEquals(version, frame.getJsonNumber("version").longValue(), frame::toString);
      assertEquals(id, frame.getJsonObject("payload").getString("id"), frame::toString);
    } else {
      JsonObject change = watcher.object(watcher.expect("change", null), "change");
      watcher.shape(
          change, "entity", "entityId", "action", "data", "version", "timestamp", "actor");
      assertEquals(action, change.getString("action"));
      assertEquals(version, change.getJsonNumber("version").longValue());
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void theMergeStrategyReportsItsMerge(Dialect dialect) {
    String id = id();
    try (Client client = new Client(dialect, "ada")) {
      client.send(
          "push",
          "c",
          object("entity", "Note", "entityId", id, "action", "create", "data", object("a", 1)));
      long base = client.expect("push_ack", "c").getJsonNumber(dialect.name("version")).longValue();
      client.send(
          "push",
          "1",
          object(
              "entity",
              "Note",
              "entityId",
              id,
              "action",
              "update",
              "data",
              object("a", 2),
              "baseVersion",
              base));
      client.expect("push_ack", "1");
      client.send(
          "push",
          "2",
          object(
              "entity",
              "Note",
              "entityId",
              id,
              "action",
              "update",
              "data",
              object("b", 1),
              "baseVersion",
              base));
      JsonObject merge =
          client.shape(
              client.expect("conflict:auto-merge", "2"), "conflictId", "strategy", "result");
      client.shape(client.object(merge, "result"), "merged", "accepted", "rejected");
      client.expect("push_ack", "2");
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void fieldSyncAndValidation(Dialect dialect) {
    String entity = "ConfFields" + dialect.name();
    String id = id();
    long now = System.currentTimeMillis();
    try (Client writer = new Client(dialect, "ada");
        Client watcher = new Client(dialect, "bob")) {
      watcher.send("subscribe_fields", "sf", object("entities", array(entity)));
      watcher.expect("subscribed", "sf");
      writer.send(
          "push_fields",
          "p",
          object(
              "entity",
              entity,
              "entityId",
              id,
              "fields",
              array(field("title", "new", "set", now))));
      JsonObject ack =
          writer.shape(
              writer.expect("field_push_ack", "p"), "entity", "entityId", "applied", "conflicts");
      assertEquals(1, ack.getInt("applied"));
      writer.shape(
          writer.object(watcher.expect("field_change", null), "change"),
          "entity",
          "entityId",
          "field",
          "value",
          "action",
          "version",
          "timestamp",
          "actor");

      writer.send(
          "push_fields",
          "old",
          object(
              "entity",
              entity,
              "entityId",
              id,
              "fields",
              array(field("title", "older", "set", now - 60_000))));
      writer.shape(
          writer.expect("field_conflict", null),
          "entity",
          "entityId",
          "field",
          "serverValue",
          "serverTimestamp",
          "clientValue",
          "clientTimestamp");
      writer.expect("field_push_ack", "old");

      writer.send(
          "validate_field",
          "v",
          object("form", "contact", "field", "email", "value", "not-an-email"));
      JsonObject result =
          writer.shape(
              writer.expect("validation_result", "v"),
              "form",
              "field",
              "valid",
              "error",
              "metadata");
      assertEquals(JsonValue.FALSE, result.get("valid"));
      writer.send(
          "validate_form",
          "f",
          object(
              "form",
              "contact",
              "fields",
              array(object("field", "name", "value", ""), object("field", "email", "value", "x"))));
      writer.shape(writer.expect("form_validation_result", "f"), "form", "valid", "errors");
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void presenceRelayPingSchemasAndBatches(Dialect dialect) {
    String doc = "entity:ConfDoc:" + id();
    try (Client ada = new Client(dialect, "ada");
        Client bob = new Client(dialect, "bob")) {
      ada.send("presence:join", "j", object("resource", doc, "name", "Ada"));
      ada.expect("subscribed", "j");
      JsonObject listed = ada.shape(ada.expect("presence:sync", "j"), "users");
      ada.shape(
          listed.getJsonArray("users").getJsonObject(0), "id", "name", "lastSeen", "metadata");
      bob.send("presence:join", "j", object("resource", doc));
      bob.expect("subscribed", "j");
      bob.expect("presence:sync", "j");
      JsonObject joined = ada.shape(ada.expect("presence:join", null), "user");
      assertEquals("bob", ada.object(joined, "user").getString("id"));
      bob.send("presence:heartbeat", null, object("resource", doc));

      bob.send(
          "broadcast",
          null,
          object(
              "channel", "presence:" + doc, "event", "typing", "data", object("field", "title")));
      ada.shape(ada.expect("broadcast", null), "event", "data", "from", "timestamp");

      bob.send("presence:leave", "l", object("resource", doc));
      bob.expect("unsubscribed", "l");
      assertEquals(
          "bob",
          ada.object(ada.shape(ada.expect("presence:leave", null), "user"), "user")
              .getString("id"));

      ada.send("ping", "p", object("sequenceNumber", 7, "timestamp", System.currentTimeMillis()));
      ada.shape(ada.expect("pong", "p"), "sequenceNumber", "latency");
      ada.send("ping", "bare", object());
      JsonObject bare = ada.expect("pong", "bare");
      if (ada.dialect == Dialect.ENVELOPE) { // the contract's fields, null when unknown
        assertEquals(JsonValue.NULL, bare.get("latency"), bare::toString);
        assertEquals(JsonValue.NULL, bare.get("sequenceNumber"), bare::toString);
      } else { // seed 002's pong has no fields
        assertFalse(
            bare.containsKey("latency") || bare.containsKey("sequence_number"), bare::toString);
      }

      String app = "conf" + id();
      Rest.body(
          Rest.h2()
              .as(TestTokens.token("conf-admin", "admin"))
              .put(
                  "/api/schemas/" + app,
                  object(
                          "schemaType",
                          "table",
                          "schema",
                          object("columns", array(object("name", "a", "type", "string"))))
                      .toString(),
                  null),
          201);
      ada.send("schema:get", "g", object("app", app));
      ada.shape(ada.expect("schema:update", "g"), "app", "version", "schemaType", "schema");

      String entity = "ConfBatch" + dialect.name();
      ada.send("subscribe", "t", object("channel", "entity:" + entity, "throttle", 200));
      ada.expect("subscribed", "t");
      for (int i = 0; i < 3; i++) {
        Rest.body(Rest.h2().post("/api/entities/" + entity, object("id", "b" + i).toString()), 201);
      }
      int updates = 0;
      while (updates < 3) {
        // one batch per 200 ms window: a slow machine may spread the three over two
        JsonObject batch = ada.shape(ada.expect("batch:update", null), "batchId", "updates");
        updates += batch.getJsonArray("updates").size();
      }
      assertEquals(3, updates);
    }
  }

  @Test
  void everyEndpointAnswers() throws Exception {
    Rest rest = Rest.h2();
    String entity = "ConfRest";
    String id = id();
    HttpResponse<String> created =
        rest.post("/api/entities/" + entity, object("id", id, "n", 1).toString());
    assertEquals(201, created.statusCode(), created::body);
    String etag = created.headers().firstValue("ETag").orElseThrow();
    assertEquals(200, rest.get("/api/entities/" + entity).statusCode());
    assertEquals(200, rest.get("/api/entities/" + entity + "/" + id).statusCode());
    assertEquals(
        200,
        rest.put("/api/entities/" + entity + "/" + id, object("n", 2).toString(), etag)
            .statusCode());
    assertEquals(
        412,
        rest.put("/api/entities/" + entity + "/" + id, object("n", 3).toString(), etag)
            .statusCode());
    assertEquals(
        200,
        rest.patch("/api/entities/" + entity + "/" + id, object("m", 1).toString(), null)
            .statusCode());

    JsonObject feed = Rest.body(rest.get("/api/sync/" + entity + "?since=0&limit=10"), 200);
    for (String key : new String[] {"changes", "lastVersion", "hasMore"}) {
      assertNotNull(feed.get(key), key);
    }
    Rest.body(rest.get("/api/sync?since=0&limit=1"), 200);
    int deleted = rest.delete("/api/entities/" + entity + "/" + id, null).statusCode();
    assertTrue(deleted == 200 || deleted == 204, "DELETE answered " + deleted);
    assertEquals(404, rest.get("/api/entities/" + entity + "/" + id).statusCode());

    String app = "confrest" + id();
    Rest admin = rest.as(TestTokens.token("conf-admin", "admin"));
    Rest.body(
        admin.put(
            "/api/schemas/" + app,
            object(
                    "schemaType",
                    "table",
                    "schema",
                    object("columns", array(object("name", "a", "type", "string"))))
                .toString(),
            null),
        201);
    JsonObject schema = Rest.body(rest.get("/api/schemas/" + app), 200);
    for (String key : new String[] {"app", "version", "schemaType", "schema"}) {
      assertNotNull(schema.get(key), key);
    }
    Rest.body(rest.get("/api/schemas/" + app + "/versions/1"), 200);
    assertEquals(200, rest.get("/api/schemas/" + app + "/versions").statusCode());

    Rest.body(
        rest.post(
            "/api/channels/entity:" + entity + "/messages",
            envelope("cache:invalidate", null, object("keys", array("a")))),
        202);
    Rest.body(rest.get("/api/presence/entity:" + entity + ":" + id), 200);
    Rest.body(
        rest.post(
            "/api/forms/contact/validate",
            object("fields", array(object("field", "name", "value", "Ada"))).toString()),
        200);
    Rest.body(rest.get("/api/poll?channels=entity:" + entity + "&since=0"), 200);

    try (WsClient schemas =
        WsClient.connect(
            SuiteServer.ws(WsClient.withToken("/schema_updates", TestTokens.TESTER)))) {
      schemas.send(envelope("schema:get", "g", object("app", app)));
      awaitType(schemas, "schema:update");
    }
    try (WsClient legacy = WsClient.connect("/api/sync/ws")) {
      legacy.expect("connection:established");
      legacy.send(frame("subscribe", "entities", array(entity)));
      legacy.expect("subscribed");
    }
    try (WsClient fields = WsClient.connect("/api/field-sync/ws")) {
      fields.expect("connection:established");
      fields.send(frame("subscribe_fields", "entities", array(entity)));
      fields.expect("subscribed");
    }
  }

  private static JsonObject awaitType(WsClient client, String type) {
    for (int i = 0; i < 10; i++) {
      JsonObject frame = client.next();
      if (type.equals(frame.getString("type"))) {
        return frame;
      }
    }
    return fail("no " + type);
  }

  /** Runs last (the class's tests share {@link #SEEN}): every type of the contract was met. */
  @AfterAll
  static void everyRowOfTheContractWasSeen() throws IOException {
    Set<String> contract = contractTypes();
    for (Dialect dialect : Dialect.values()) {
      Set<String> missing = new TreeSet<>(contract);
      missing.removeAll(SEEN.getOrDefault(dialect, Set.of()));
      missing.removeAll(SHOWN_ELSEWHERE.keySet());
      if (dialect == Dialect.FLAT) {
        // the flat dialect carries a committed change as `change` (PROTOCOL.md, flat dialect)
        missing.removeAll(Set.of("entity:created", "entity:updated", "entity:deleted"));
      }
      assertTrue(missing.isEmpty(), dialect + ": no test met " + missing);
    }
  }

  /** The message types named in the first column of PROTOCOL.md's message tables. */
  static Set<String> contractTypes() throws IOException {
    String contract;
    try (InputStream in = ConformanceIT.class.getResourceAsStream("/contract/PROTOCOL.md")) {
      contract = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String messages =
        contract.substring(contract.indexOf("## Message types"), contract.indexOf("Error codes:"));
    Set<String> types = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| (`[^|]+`) \\|").matcher(messages);
    while (row.find()) {
      Matcher type = Pattern.compile("`([a-z_:-]+)`").matcher(row.group(1));
      while (type.find()) {
        types.add(type.group(1));
      }
    }
    types.remove("type");
    return types;
  }

  @Test
  void theContractCopyNamesTheMessagesItShould() throws IOException {
    Set<String> types = contractTypes();
    assertTrue(
        types.containsAll(Set.of("auth", "push", "presence:heartbeat", "batch:update", "error")),
        types::toString);
    assertTrue(types.size() > 30, types::toString);
  }
}
