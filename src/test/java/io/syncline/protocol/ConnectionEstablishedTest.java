package io.syncline.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code connection:established} is encoded by hand: exactly what JSON-B writes for it. */
class ConnectionEstablishedTest {

  /** The record's components as JSON-B sees them (without the hand-written encoding). */
  @JsonbNillable
  public record Plain(
      String connectionId,
      String userId,
      long heartbeatInterval,
      int maxFrameBytes,
      String protocolVersion) {}

  @Test
  void theHandWrittenPayloadIsWhatJsonBWritesInEachNaming() throws Exception {
    try (JsonbNamings jsonb = new JsonbNamings()) {
      Jsonb camel = jsonb.camel;
      Jsonb snake = jsonb.snake;
      for (ConnectionEstablished message :
          new ConnectionEstablished[] {
            new ConnectionEstablished("3f6c-1", "ada", 30_000, 65_536, "1.0"),
            new ConnectionEstablished("c\"2", "u\\ser ü \n\u0001\u2028", 0, 1, "2"),
            new ConnectionEstablished("c3", null, -1, 0, "1.0"),
            new ConnectionEstablished(null, null, 15_000, 1_048_576, null)
          }) {
        Plain plain =
            new Plain(
                message.connectionId(),
                message.userId(),
                message.heartbeatInterval(),
                message.maxFrameBytes(),
                message.protocolVersion());
        assertEquals(camel.toJson(plain), message.payloadJson());
        assertEquals(snake.toJson(plain), message.flatPayloadJson());
      }
      Plain full = new Plain("c", "u", 1, 2, "1");
      assertEquals(
          camel.fromJson(camel.toJson(full), Map.class).keySet(),
          new ConnectionEstablished("c", "u", 1, 2, "1").payloadFields());
      assertEquals(
          snake.fromJson(snake.toJson(full), Map.class).keySet(),
          new ConnectionEstablished("c", "u", 1, 2, "1").flatPayloadFields());
    }
  }
}
