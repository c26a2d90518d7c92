package io.syncline.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code presence:sync} is encoded by hand: the same JSON as JSON-B writes, in both namings. */
class PresenceSyncTest {

  /** The message as JSON-B sees it (without the hand-written encoding). */
  public record Plain(String resource, List<PresenceUser> users, int count) {}

  @Test
  void theHandWrittenPayloadIsWhatJsonBWritesInBothNamings() throws Exception {
    PresenceUser full =
        new PresenceUser(
            "u-1",
            "Zoë \"Z\"",
            "z@example.com",
            Instant.parse("2026-12-03T07:40:01.250Z"),
            json("{\"cursor\":{\"x\":1.5,\"y\":null},\"tags\":[\"a\\nb\"]}").asJsonObject());
    PresenceUser idOnly = new PresenceUser("u\\2", null, null, Instant.ofEpochMilli(0), null);
    PresenceUser empty = new PresenceUser(null, null, null, null, null);
    try (Jsonb camel = JsonbBuilder.create();
        Jsonb snake =
            JsonbBuilder.create(
                new JsonbConfig()
                    .withPropertyNamingStrategy(
                        PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES))) {
      for (PresenceSync sync :
          List.of(
              new PresenceSync("component:r", List.of(full, idOnly, empty), 3),
              new PresenceSync("doc-1", List.of(), 0),
              new PresenceSync("doc-1", null, 7),
              new PresenceSync(null, List.of(idOnly), 1))) {
        Plain plain = new Plain(sync.resource(), sync.users(), sync.count());
        assertEquals(json(camel.toJson(plain)), json(sync.payloadJson()), sync.toString());
        assertEquals(json(snake.toJson(plain)), json(sync.flatPayloadJson()), sync.toString());
        assertEquals(json(camel.toJson(plain)).asJsonObject().keySet(), sync.payloadFields());
      }
    }
  }

  private static JsonValue json(String text) {
    return JsonFactory.JSON.createReader(new StringReader(text)).readValue();
  }
}
