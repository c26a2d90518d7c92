package io.syncline.schema;

import static io.syncline.schema.SchemaCalls.USER;
import static io.syncline.schema.SchemaCalls.app;
import static io.syncline.schema.SchemaCalls.stored;
import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Rest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.SuiteServer;
import io.syncline.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A generic entity with a {@code record} schema under its name: every write, over REST or {@code
 * push}, is checked against the latest version, and a violation writes nothing.
 */
@ExtendWith(SuiteServer.class)
class SchemaCheckedWritesIT {

  private static final String SCHEMA =
      SchemaCalls.body(
          "record",
          Json.createObjectBuilder()
              .add(
                  "fields",
                  Json.createArrayBuilder()
                      .add(
                          Json.createObjectBuilder()
                              .add("name", "number")
                              .add("type", "string")
                              .add("required", true)
                              .add(
                                  "constraints",
                                  Json.createObjectBuilder().add("pattern", "INV-[0-9]+")))
                      .add(
                          Json.createObjectBuilder()
                              .add("name", "amount")
                              .add("type", "number")
                              .add("constraints", Json.createObjectBuilder().add("min", 0)))
                      .add(
                          Json.createObjectBuilder()
                              .add("name", "status")
                              .add("type", "string")
                              .add(
                                  "constraints",
                                  Json.createObjectBuilder()
                                      .add(
                                          "enum",
                                          Json.createArrayBuilder().add("draft").add("sent")))))
              .build());

  private static String entity() {
    String entity = app("Invoice");
    stored(entity, SCHEMA);
    return entity;
  }

  private static JsonObject refused(java.net.http.HttpResponse<String> response) {
    JsonObject error = body(response, 422);
    assertEquals("validation_failed", error.getString("code"), error::toString);
    return error;
  }

  @Test
  void restWritesThatBreakTheSchemaAreRefusedNamingTheFieldAndWriteNothing() {
    String entity = entity();
    String path = "/api/entities/" + entity;
    JsonObject missing = refused(USER.post(path, object("id", "a", "amount", 5).toString()));
    assertTrue(
        missing.getString("message").contains("field 'number' is required"), missing::toString);
    JsonObject several =
        refused(
            USER.post(
                path,
                object("id", "a", "number", "X-1", "amount", -1, "status", "paid").toString()));
    String message = several.getString("message");
    assertTrue(message.contains("field 'number' must match INV-[0-9]+"), message);
    assertTrue(message.contains("field 'amount' must be at least 0"), message);
    assertTrue(message.contains("field 'status' must be one of"), message);
    assertEquals(3, several.getJsonObject("details").getJsonArray("errors").size());
    assertEquals(404, USER.get(path + "/a").statusCode());

    body(
        USER.post(
            path, object("id", "a", "number", "INV-1", "amount", 5, "extra", true).toString()),
        201);
    refused(USER.patch(path + "/a", object("amount", "five").toString(), null));
    refused(USER.put(path + "/a", object("amount", 5).toString(), null));
    JsonObject kept = body(USER.get(path + "/a"), 200).getJsonObject("data");
    assertEquals(5, kept.getInt("amount"));
    assertEquals("INV-1", kept.getString("number"));
    body(USER.patch(path + "/a", object("status", "sent").toString(), null), 200);
  }

  @Test
  void pushesThatBreakTheSchemaAreRefusedAndWriteNothing() {
    String entity = entity();
    String id = UUID.randomUUID().toString();
    try (WsClient client = WsClient.connect("/api/ws")) {
      client.expect("connection:established");
      client.send(
          push("bad", entity, id, "create", Json.createObjectBuilder().add("amount", 1).build()));
      JsonObject error = client.expectError("validation_failed");
      assertEquals("bad", error.getString("requestId"));
      assertTrue(
          error
              .getJsonObject("payload")
              .getString("message")
              .contains("field 'number' is required"),
          error::toString);
      assertEquals(404, USER.get("/api/entities/" + entity + "/" + id).statusCode());

      client.send(
          push(
              "good",
              entity,
              id,
              "create",
              Json.createObjectBuilder().add("number", "INV-7").build()));
      assertEquals("good", client.expect("push_ack").getString("requestId"));
      client.send(
          push(
              "worse",
              entity,
              id,
              "update",
              Json.createObjectBuilder().add("number", "7").build()));
      assertEquals("worse", client.expectError("validation_failed").getString("requestId"));
      assertEquals(
          "INV-7",
          body(USER.get("/api/entities/" + entity + "/" + id), 200)
              .getJsonObject("data")
              .getString("number"));
    }
  }

  @Test
  void entitiesWithoutARecordSchemaAreNotChecked() {
    String entity = app("Loose");
    body(USER.post("/api/entities/" + entity, object("anything", array(1, 2)).toString()), 201);
    stored(
        entity,
        SchemaCalls.body(
            "table",
            Json.createObjectBuilder()
                .add(
                    "columns",
                    Json.createArrayBuilder().add(SchemaCalls.field("n", "integer", true)))
                .build()));
    body(USER.post("/api/entities/" + entity, object("n", "not checked").toString()), 201);
  }

  private static String push(
      String requestId, String entity, String id, String action, JsonObject data) {
    return SchemaCalls.frame(
        "push",
        requestId,
        Json.createObjectBuilder()
            .add("entity", entity)
            .add("entityId", id)
            .add("action", action)
            .add("data", data)
            .build());
  }
}
