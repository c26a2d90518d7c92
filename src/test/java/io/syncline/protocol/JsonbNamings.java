package io.syncline.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

/**
 * The two JSON-B bindings a frame encoded by hand is checked against: camelCase names (the envelope
 * dialect) and snake_case names (the flat dialect).
 */
final class JsonbNamings implements AutoCloseable {

  final Jsonb camel = JsonbBuilder.create();

  final Jsonb snake =
      JsonbBuilder.create(
          new JsonbConfig()
              .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

  @Override
  public void close() throws Exception {
    camel.close();
    snake.close();
  }
}
