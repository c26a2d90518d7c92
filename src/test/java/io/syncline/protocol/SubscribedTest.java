package io.syncline.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.bind.Jsonb;
import org.junit.jupiter.api.Test;

/** {@code subscribed} is encoded by hand: exactly what JSON-B writes for it, in both dialects. */
class SubscribedTest {

  /** The record's components as JSON-B sees them (without the hand-written encoding). */
  public record Plain(String channel, Long version) {}

  @Test
  void theHandWrittenPayloadIsWhatJsonBWritesInBothNamings() throws Exception {
    try (JsonbNamings jsonb = new JsonbNamings()) {
      Jsonb camel = jsonb.camel;
      Jsonb snake = jsonb.snake;
      for (Subscribed message :
          new Subscribed[] {
            new Subscribed("entity:Task", 41L),
            new Subscribed("component:a\"b", null),
            new Subscribed("presence:r", 0L)
          }) {
        Plain plain = new Plain(message.channel(), message.version());
        assertEquals(camel.toJson(plain), message.payloadJson());
        assertEquals(snake.toJson(plain), message.payloadJson());
        assertEquals(
            camel.fromJson(camel.toJson(plain), java.util.Map.class).keySet(),
            message.payloadFields());
      }
    }
  }
}
