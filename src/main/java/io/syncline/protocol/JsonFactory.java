package io.syncline.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/**
 * The one JSON-P provider and the one default JSON-B instance. {@code jakarta.json.Json}'s static
 * methods look the provider up again on every call, which in the server means a service-loader scan
 * of the application's jars: on a hot path (a frame, a delivery) that lookup cost more than
 * everything else together.
 */
public final class JsonFactory {

  /** Thread-safe; use it wherever {@code Json.createXxx} would be used. */
  public static final JsonProvider JSON = JsonProvider.provider();

  private JsonFactory() {}

  /**
   * The shared JSON-B instance with the default configuration (camelCase, as the envelope dialect
   * and the REST API write); thread-safe, created on first use, as it is slow to create. Only the
   * flat dialect's snake_case binding is configured differently.
   */
  public static Jsonb jsonb() {
    return Binding.JSONB;
  }

  /**
   * An object (a JPA entity, a record) as JSON-B binds it, as a JSON-P value. JSON-B has no tree
   * API, so this goes through text; frames are never built this way.
   */
  public static JsonValue toJsonValue(Object object) {
    return read(jsonb().toJson(object));
  }

  /**
   * JSON text as a value. The reader is closed, which gives its 8 KB buffer back to Parsson's pool:
   * a reader left open makes the next one allocate another, which on a catch-up page of changes
   * cost more than the parsing.
   */
  public static JsonValue read(String json) {
    try (JsonReader reader = JSON.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }

  /** JSON text that must be an object, as one ({@link #read}). */
  public static JsonObject readObject(String json) {
    try (JsonReader reader = JSON.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  /** JSON text that must be an array, as one ({@link #read}). */
  public static JsonArray readArray(String json) {
    try (JsonReader reader = JSON.createReader(new StringReader(json))) {
      return reader.readArray();
    }
  }

  private static final class Binding {
    static final Jsonb JSONB = JsonbBuilder.create();
  }
}
