package io.syncline.protocol;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider. {@code jakarta.json.Json}'s static methods look the provider up again on
 * every call, which in the server means a service-loader scan of the application's jars: on a hot
 * path (a frame, a delivery) that lookup cost more than everything else together.
 */
public final class JsonFactory {

  /** Thread-safe; use it wherever {@code Json.createXxx} would be used. */
  public static final JsonProvider JSON = JsonProvider.provider();

  private JsonFactory() {}
}
