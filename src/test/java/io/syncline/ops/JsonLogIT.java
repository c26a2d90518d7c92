package io.syncline.ops;

import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Database;
import io.syncline.testing.Rest;
import io.syncline.testing.ServerProcess;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With {@code syncline.log.format=json} a connection's life is one JSON object per line, and
 * neither its token nor a written record's data is in the log.
 */
class JsonLogIT {

  @Test
  void aConnectionsOpenAndCloseAreJsonLinesWithoutTheTokenOrTheData() throws Exception {
    Path log = Files.createTempFile("syncline-json-log", ".log");
    String token = TestTokens.token("json-logged", "user");
    try (ServerProcess server =
        SuiteServer.start(
            "jsonlog",
            Database.H2_MEMORY,
            SuiteServer.merge(
                SuiteServer.GENEROUS_LIMITS,
                Map.of("syncline.log.format", "json", "syncline.log.file", log.toString())))) {
      try (WsClient client = WsClient.connect(server.ws(WsClient.withToken("/api/ws", token)))) {
        client.expect("connection:established");
        Rest.body(
            new Rest(server::http, token)
                .post(
                    "/api/entities/Secret",
                    object("id", "s1", "pin", "data-not-for-logs").toString()),
            201);
        client.closeAndAwait();
      }
      JsonObject close = awaitLine(log, "connection_close");
      assertEquals("json-logged", close.getString("user"));
      assertEquals("unified", close.getString("endpoint"));
      assertEquals("envelope", close.getString("dialect"));
      assertEquals(1000, close.getInt("closeCode"));
      assertTrue(close.getInt("durationMs") >= 0);
      assertEquals("INFO", close.getString("level"));
      String text = Files.readString(log);
      assertFalse(text.contains(token), "the token is not logged");
      assertFalse(text.contains("data-not-for-logs"), "record data is not logged");
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static JsonObject awaitLine(Path log, String event)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(deadline)) {
      Optional<JsonObject> line = find(Files.readAllLines(log), event);
      if (line.isPresent()) {
        return line.get();
      }
      Thread.sleep(100); // polling a file another process writes: there is nothing to wait on
    }
    throw new AssertionError("no " + event + " line in " + Files.readString(log));
  }

  private static Optional<JsonObject> find(List<String> lines, String event) {
    return lines.stream()
        .filter(line -> line.contains("\"event\":\"" + event + "\""))
        .map(line -> Json.createReader(new StringReader(line)).readObject())
        .findFirst();
  }
}
