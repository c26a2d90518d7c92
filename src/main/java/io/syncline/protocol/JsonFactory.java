package io.syncline.protocol;

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
    return JSON.createReader(new StringReader(jsonb().toJson(object))).readValue();
  }

  private static final class Binding {
    static final Jsonb JSONB = JsonbBuilder.create();
  }
}
