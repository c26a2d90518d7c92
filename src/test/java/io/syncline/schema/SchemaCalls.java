package io.syncline.schema;

import io.syncline.testing.Rest;
import io.syncline.testing.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Typed builders for the schema ITs: request bodies, frames, and calls as an admin. */
final class SchemaCalls {

  static final String ADMIN_TOKEN = TestTokens.token("schema-admin", "admin");
  static final Rest ADMIN = Rest.h2().as(ADMIN_TOKEN);
  static final Rest USER = Rest.h2();

  private SchemaCalls() {}

  /** A fresh app name, so tests on the shared server never meet. */
  static String app(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static JsonObject field(String name, String type, boolean required) {
    JsonObjectBuilder field = Json.createObjectBuilder().add("name", name).add("type", type);
    return required ? field.add("required", true).build() : field.build();
  }

  /** {@code {schemaType: "record", schema: {fields: [...]}}}. */
  static String record(JsonObject... fields) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (JsonObject field : fields) {
      list.add(field);
    }
    return body("record", Json.createObjectBuilder().add("fields", list).build());
  }

  static String body(String schemaType, JsonObject schema) {
    return Json.createObjectBuilder()
        .add("schemaType", schemaType)
        .add("schema", schema)
        .build()
        .toString();
  }

  static HttpResponse<String> put(String app, String body) {
    return ADMIN.put("/api/schemas/" + app, body, null);
  }

  /** Stores a version that must succeed, and returns its number. */
  static long stored(String app, String body) {
    return Rest.body(put(app, body), 201).getJsonNumber("version").longValue();
  }

  static String subscribe(String requestId, String channel, Long version) {
    JsonObjectBuilder payload = Json.createObjectBuilder().add("channel", channel);
    if (version != null) {
      payload.add("version", version);
    }
    return frame("subscribe", requestId, payload.build());
  }

  static String schemaGet(String requestId, String app, Long version) {
    JsonObjectBuilder payload = Json.createObjectBuilder().add("app", app);
    if (version != null) {
      payload.add("version", version);
    }
    return frame("schema:get", requestId, payload.build());
  }

  static String frame(String type, String requestId, JsonObject payload) {
    return Json.createObjectBuilder()
        .add("type", type)
        .add("requestId", requestId)
        .add("payload", payload)
        .build()
        .toString();
  }

  /** The version a {@code schema:update} frame carries. */
  static long version(JsonObject update) {
    return update.getJsonObject("payload").getJsonNumber("version").longValue();
  }
}
