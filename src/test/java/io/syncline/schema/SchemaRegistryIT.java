package io.syncline.schema;

import static io.syncline.schema.SchemaCalls.ADMIN;
import static io.syncline.schema.SchemaCalls.USER;
import static io.syncline.schema.SchemaCalls.app;
import static io.syncline.schema.SchemaCalls.field;
import static io.syncline.schema.SchemaCalls.put;
import static io.syncline.schema.SchemaCalls.record;
import static io.syncline.schema.SchemaCalls.stored;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Rest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.schema.registry.DeploymentSchemas;
import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
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
 * {@code /api/schemas}: versions per app, reads, refusals, compatibility, and the generated ones.
 */
@ExtendWith(SuiteServer.class)
class SchemaRegistryIT {

  private static final String TITLE = record(field("title", "string", true));
  private static final String TITLE_NOTE =
      record(field("title", "string", true), field("note", "string", false));

  private static JsonArray array(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response::body);
    return Json.createReader(new StringReader(response.body())).readArray();
  }

  private static List<Long> versions(String app) {
    return array(USER.get("/api/schemas/" + app + "/versions"), 200).stream()
        .map(v -> v.asJsonObject().getJsonNumber("version").longValue())
        .toList();
  }

  private static void assertError(HttpResponse<String> response, int status, String code) {
    JsonObject error = body(response, status);
    assertEquals(code, error.getString("code"), response::body);
  }

  @Test
  void versionsCountFromOneAndEachCanBeReadBack() {
    String app = app("crm");
    HttpResponse<String> first = put(app, TITLE);
    JsonObject created = body(first, 201);
    assertEquals(app, created.getString("app"));
    assertEquals(1, created.getInt("version"));
    assertEquals("record", created.getString("schemaType"));
    assertEquals("\"1\"", first.headers().firstValue("ETag").orElseThrow());
    assertTrue(first.headers().firstValue("Location").orElseThrow().endsWith(app + "/versions/1"));
    assertEquals(2, stored(app, TITLE_NOTE));

    HttpResponse<String> latest = USER.get("/api/schemas/" + app);
    JsonObject current = body(latest, 200);
    assertEquals(2, current.getInt("version"));
    assertEquals("\"2\"", latest.headers().firstValue("ETag").orElseThrow());
    assertEquals(
        Json.createReader(new StringReader(TITLE_NOTE)).readObject().getJsonObject("schema"),
        current.getJsonObject("schema"));

    JsonArray list = array(USER.get("/api/schemas/" + app + "/versions"), 200);
    assertEquals(List.of(1L, 2L), versions(app));
    JsonObject oldest = list.getJsonObject(0);
    assertEquals("record", oldest.getString("schemaType"));
    assertEquals("schema-admin", oldest.getString("author"));
    assertTrue(oldest.getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), oldest::toString);

    JsonObject one = body(USER.get("/api/schemas/" + app + "/versions/1"), 200);
    assertEquals(1, one.getInt("version"));
    assertEquals(1, one.getJsonObject("schema").getJsonArray("fields").size());
    assertTrue(
        array(USER.get("/api/schemas"), 200).contains(Json.createValue(app)), "listed: " + app);
  }

  @Test
  void unknownAppsAndVersionsAreNotFound() {
    String app = app("known");
    stored(app, TITLE);
    for (String path :
        List.of(
            "/api/schemas/nobody-" + app,
            "/api/schemas/nobody-" + app + "/versions",
            "/api/schemas/nobody-" + app + "/versions/1",
            "/api/schemas/" + app + "/versions/2",
            "/api/schemas/" + app + "/versions/0",
            "/api/schemas/" + app + "/versions/one")) {
      assertError(USER.get(path), 404, "not_found");
    }
  }

  @Test
  void onlyAnAdminMayStoreAVersion() {
    String app = app("guarded");
    assertError(USER.put("/api/schemas/" + app, TITLE, null), 403, "forbidden");
    assertError(USER.as(null).put("/api/schemas/" + app, TITLE, null), 401, "unauthenticated");
    assertError(USER.get("/api/schemas/" + app), 404, "not_found");
  }

  @Test
  void aStaleIfMatchIsRefusedWith412AndStoresNothing() {
    String app = app("matched");
    stored(app, TITLE);
    stored(app, TITLE_NOTE);
    HttpResponse<String> stale = ADMIN.put("/api/schemas/" + app, TITLE, "\"1\"");
    assertError(stale, 412, "conflict");
    assertEquals("\"2\"", stale.headers().firstValue("ETag").orElseThrow());
    assertEquals(List.of(1L, 2L), versions(app));
    assertEquals(3, body(ADMIN.put("/api/schemas/" + app, TITLE, "\"2\""), 201).getInt("version"));
  }

  @Test
  void everyBadInputIsRefusedNamingTheFieldAndStoresNothing() {
    String app = app("refused");
    // raw bodies on purpose: each is the malformed input the server must refuse, as sent
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry("not json", "not JSON"),
            Map.entry("", "JSON object"),
            Map.entry("[1,2]", "JSON object"),
            Map.entry("{\"schema\":{\"fields\":[]}}", "'schemaType'"),
            Map.entry("{\"schemaType\":\"list\",\"schema\":{}}", "'schemaType'"),
            Map.entry("{\"schemaType\":7,\"schema\":{}}", "'schemaType'"),
            Map.entry("{\"schemaType\":\"record\"}", "'schema'"),
            Map.entry("{\"schemaType\":\"record\",\"schema\":[]}", "'schema'"),
            Map.entry("{\"schemaType\":\"record\",\"schema\":\"{}\"}", "'schema'"),
            Map.entry("{\"schemaType\":\"record\",\"schema\":{}}", "'schema.fields'"),
            Map.entry("{\"schemaType\":\"table\",\"schema\":{\"fields\":[]}}", "'schema.columns'"),
            Map.entry("{\"schemaType\":\"array\",\"schema\":{}}", "'schema.items'"),
            Map.entry(
                "{\"schemaType\":\"table\",\"schema\":{\"columns\":[{\"name\":\"a\"}]}}",
                "'schema.columns[0].type'"),
            Map.entry(
                "{\"schemaType\":\"record\",\"schema\":{\"fields\":[{\"name\":\"a\",\"type\":\"text\"}]}}",
                "'schema.fields[0].type'"),
            Map.entry(
                "{\"schemaType\":\"record\",\"schema\":{\"fields\":[{\"type\":\"string\"}]}}",
                "'schema.fields[0].name'"),
            Map.entry(
                "{\"schemaType\":\"record\",\"schema\":{\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                    + "{\"name\":\"a\",\"type\":\"number\"}]}}",
                "'schema.fields[1].name'"));
    cases.forEach(
        (request, named) -> {
          HttpResponse<String> response = ADMIN.put("/api/schemas/" + app, request, null);
          JsonObject error = body(response, 400);
          assertEquals("validation_failed", error.getString("code"), request);
          assertTrue(
              error.getString("message").contains(named),
              () -> request + " → " + error.getString("message"));
        });
    assertError(ADMIN.put("/api/schemas/bad%20app", TITLE, null), 400, "validation_failed");
    assertError(USER.get("/api/schemas/" + app), 404, "not_found");
  }

  @Test
  void schemasOverTheSizeAndFieldLimitsAreRefused() {
    String app = app("large");
    JsonObject[] fields = new JsonObject[201];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = field("f" + i, "string", false);
    }
    JsonObject tooMany = body(put(app, record(fields)), 400);
    assertTrue(tooMany.getString("message").contains("more than 200"), tooMany::toString);
    String huge =
        SchemaCalls.body(
            "record",
            Json.createObjectBuilder()
                .add("fields", Json.createArrayBuilder().add(field("a", "string", false)))
                .add("description", "x".repeat(70_000))
                .build());
    JsonObject tooBig = body(put(app, huge), 400);
    assertTrue(tooBig.getString("message").contains("over 65536 bytes"), tooBig::toString);
    assertError(USER.get("/api/schemas/" + app), 404, "not_found");
  }

  @Test
  void aVersionThatBreaksTheModeIsRefusedNamingEachFieldAndStoresNothing() {
    String app = app("compat");
    assertEquals(
        "backward",
        body(USER.get("/api/schemas/" + app + "/config"), 200).getString("compatibility"));
    stored(app, TITLE_NOTE);
    String breaking =
        record(
            field("title", "integer", true),
            field("note", "string", false),
            field("owner", "string", true));
    JsonObject refused = body(put(app, breaking), 409);
    assertEquals("conflict", refused.getString("code"));
    String message = refused.getString("message");
    assertTrue(message.contains("'title' changed type from string to integer"), message);
    assertTrue(message.contains("'owner' is new and required"), message);
    assertEquals(2, refused.getJsonObject("details").getJsonArray("breaking").size());
    assertEquals(List.of(1L), versions(app));

    // backward allows dropping the required title; forward does not
    assertError(
        USER.put(
            "/api/schemas/" + app + "/config", object("compatibility", "forward").toString(), null),
        403,
        "forbidden");
    assertEquals(
        "forward",
        body(
                ADMIN.put(
                    "/api/schemas/" + app + "/config",
                    object("compatibility", "forward").toString(),
                    null),
                200)
            .getString("compatibility"));
    String noTitle = record(field("note", "string", false));
    assertTrue(
        body(put(app, noTitle), 409)
            .getString("message")
            .contains("'title' was required and is gone"));
    body(
        ADMIN.put(
            "/api/schemas/" + app + "/config", object("compatibility", "full").toString(), null),
        200);
    assertTrue(
        body(put(app, record(field("title", "string", true), field("x", "string", true))), 409)
            .getString("message")
            .contains("'x' is new and required"));
    body(
        ADMIN.put(
            "/api/schemas/" + app + "/config", object("compatibility", "none").toString(), null),
        200);
    assertEquals(2, stored(app, breaking));
    assertEquals(
        3,
        stored(
            app,
            SchemaCalls.body(
                "table",
                Json.createObjectBuilder()
                    .add("columns", Json.createArrayBuilder().add(field("n", "integer", false)))
                    .build())));
    assertEquals(
        "none", body(USER.get("/api/schemas/" + app + "/config"), 200).getString("compatibility"));
    JsonObject badMode =
        body(
            ADMIN.put(
                "/api/schemas/" + app + "/config",
                object("compatibility", "loose").toString(),
                null),
            400);
    assertTrue(badMode.getString("message").contains("'compatibility'"), badMode::toString);
  }

  @Test
  void theDryRunAnswersThePutsVerdictAndStoresNothing() {
    String app = app("dryrun");
    stored(app, TITLE_NOTE);
    String breaking = record(field("title", "string", true), field("owner", "string", true));
    JsonObject verdict = body(USER.post("/api/schemas/" + app + "/compatibility", breaking), 409);
    assertEquals(body(put(app, breaking), 409).getString("message"), verdict.getString("message"));
    JsonObject fine = body(USER.post("/api/schemas/" + app + "/compatibility", TITLE), 200);
    assertTrue(fine.getBoolean("compatible"));
    assertEquals("backward", fine.getString("compatibility"));
    assertEquals(2, fine.getInt("version"));
    assertEquals(
        "validation_failed",
        body(
                USER.post(
                    "/api/schemas/" + app + "/compatibility",
                    object("schemaType", "record").toString()),
                400)
            .getString("code"));
    assertEquals(List.of(1L), versions(app));
  }

  @Test
  void sixConcurrentPutsToOneAppGetSixConsecutiveVersions() throws Exception {
    String app = app("race");
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> results = new ArrayList<>();
    try {
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
      List<Long> got = new ArrayList<>();
      for (Future<HttpResponse<String>> result : results) {
        got.add(body(result.get(), 201).getJsonNumber("version").longValue());
      }
      assertEquals(
          LongStream.rangeClosed(1, writers).boxed().toList(), got.stream().sorted().toList());
      assertEquals(LongStream.rangeClosed(1, writers).boxed().toList(), versions(app));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eachSyncedEntityHasASchemaGeneratedFromItsMappingAndConstraints() {
    JsonObject task = body(USER.get("/api/schemas/Task"), 200);
    assertEquals("record", task.getString("schemaType"));
    JsonObject schema = task.getJsonObject("schema");
    assertEquals("id", schema.getString("key"));
    Map<String, JsonObject> fields = new java.util.HashMap<>();
    schema
        .getJsonArray("fields")
        .forEach(f -> fields.put(f.asJsonObject().getString("name"), f.asJsonObject()));
    assertEquals(
        List.of("assignee", "dueDate", "status", "title"),
        fields.keySet().stream().sorted().toList());
    JsonObject title = fields.get("title");
    assertEquals("string", title.getString("type"));
    assertTrue(title.getBoolean("required"));
    assertEquals(200, title.getJsonObject("constraints").getInt("maxLength"));
    assertEquals(1, title.getJsonObject("constraints").getInt("minLength"));
    assertEquals(40, fields.get("status").getJsonObject("constraints").getInt("maxLength"));
    assertEquals("date", fields.get("dueDate").getString("type"));
    assertTrue(!fields.get("assignee").containsKey("required"));
    JsonArray versions = array(USER.get("/api/schemas/Task/versions"), 200);
    assertEquals(1, versions.size(), "one deployment, one version");
    assertEquals(DeploymentSchemas.AUTHOR, versions.getJsonObject(0).getString("author"));
  }

  @Test
  void theSchemasShippedWithTheApplicationAreStoredAtFirstDeployment() {
    for (String app : List.of("board", "board-view")) {
      JsonObject schema = body(Rest.h2().get("/api/schemas/" + app), 200);
      assertEquals("record", schema.getString("schemaType"));
      assertEquals(
          DeploymentSchemas.AUTHOR,
          array(USER.get("/api/schemas/" + app + "/versions"), 200)
              .getJsonObject(0)
              .getString("author"));
    }
  }
}
