package io.syncline.rest;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Reads request bodies that must be JSON objects, with the protocol's error codes. */
public final class JsonBodies {

  private JsonBodies() {}

  public static JsonObject object(String body) {
    if (body == null || body.isBlank()) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "a JSON object body is required");
    }
    JsonValue value;
    try (JsonReader reader = JsonFactory.JSON.createReader(new StringReader(body))) {
      value = reader.readValue();
    } catch (JsonException e) {
      throw new ProtocolException(
          ErrorCode.BAD_JSON, "the body is not valid JSON: " + e.getMessage());
    }
    if (!(value instanceof JsonObject object)) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "the body must be a JSON object");
    }
    return object;
  }
}
