package io.syncline.schema.rest;

import io.syncline.protocol.JsonFactory;
import io.syncline.schema.SchemaRefusal;
import io.syncline.schema.SchemaType;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** A request body {@code {schemaType, schema}}, read with an error that names the field. */
record Candidate(SchemaType type, JsonObject schema) {

  static Candidate parse(String body) {
    JsonObject request = object(body);
    JsonValue type = request.get("schemaType");
    if (type == null || type == JsonValue.NULL) {
      throw SchemaRefusal.invalid("schemaType", "is required: table, array or record");
    }
    SchemaType schemaType =
        SchemaType.of(type instanceof JsonString name ? name.getString() : type.toString())
            .orElseThrow(
                () ->
                    SchemaRefusal.invalid(
                        "schemaType", "must be table, array or record, not " + type));
    JsonValue schema = request.get("schema");
    if (schema == null || schema == JsonValue.NULL) {
      throw SchemaRefusal.invalid("schema", "is required: a JSON object");
    }
    if (!(schema instanceof JsonObject object)) {
      throw SchemaRefusal.invalid("schema", "must be a JSON object, not " + schema.getValueType());
    }
    return new Candidate(schemaType, object);
  }

  static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      throw SchemaRefusal.badBody("the body must be a JSON object {schemaType, schema}");
    }
    JsonValue value;
    try (JsonReader reader = JsonFactory.JSON.createReader(new StringReader(body))) {
      value = reader.readValue();
    } catch (JsonException e) {
      throw SchemaRefusal.badBody("the body is not JSON: " + e.getMessage());
    }
    if (!(value instanceof JsonObject object)) {
      throw SchemaRefusal.badBody("the body must be a JSON object, not " + value.getValueType());
    }
    return object;
  }
}
