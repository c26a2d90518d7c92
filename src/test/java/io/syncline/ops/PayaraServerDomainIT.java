package io.syncline.ops;

import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Frames.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.PayaraServerDomain;
import io.syncline.testing.Rest;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Payara Server domain as {@code create-domain} makes it, configured and deployed with {@code
 * asadmin} only (docs/deploy.md): the token settings and the database come from domain config
 * properties, and the WAR serves the contract, a REST write reaching a socket subscriber.
 */
class PayaraServerDomainIT {

  @Test
  void aStockDomainConfiguredWithAsadminServesTheContract() throws IOException {
    Path database =
        Path.of(System.getProperty("syncline.it.workDir"), "domain-db-" + UUID.randomUUID(), "db");
    String url = "jdbc:h2:" + database.toAbsolutePath() + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    try (PayaraServerDomain domain =
        PayaraServerDomain.deploy(
            Map.of(
                "mp.jwt.verify.publickey", TestTokens.PUBLIC_KEY,
                "mp.jwt.verify.issuer", TestTokens.ISSUER,
                "syncline.db.url", url))) {
      String token = TestTokens.token("dora", "user");
      try (WsClient watcher = WsClient.connect(domain.ws(WsClient.withToken("/api/ws", token)))) {
        watcher.expect("connection:established");
        watcher.send(subscribe("entity:Deployed"));
        watcher.expect("subscribed");
        Rest rest = new Rest(domain::http, token);
        JsonObject created =
            Rest.body(
                rest.post("/api/entities/Deployed", object("id", "d1", "n", 1).toString()), 201);
        JsonObject event = watcher.expect("entity:created");
        assertEquals("d1", event.getJsonObject("payload").getString("id"));
        assertEquals(
            created.getJsonNumber("version").longValue(),
            event.getJsonNumber("version").longValue());
      }
      String log = Files.readString(domain.serverLog(), StandardCharsets.ISO_8859_1);
      assertTrue(
          log.contains("Syncline database: H2")
              && log.contains(database.toAbsolutePath().toString()),
          "the domain's syncline.db.url is the database: " + domain.serverLog());
    }
  }
}
