package io.syncline.websocket;

import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.syncline.testing.AppServer;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On Payara a socket's text frames are written below Tyrus ({@link GrizzlyWire}); clients read them
 * as before: one frame for several subscribers, long and multi-byte texts, a reply between
 * broadcasts. On WildFly every frame goes through the container's own API.
 */
@ExtendWith(SuiteServer.class)
class GrizzlyWireIT {

  @Test
  void subscribersReadFramesWrittenBelowTyrusIntact() throws Exception {
    String room = "entity:Room:" + UUID.randomUUID();
    // over 65,535 bytes once encoded: the frame's 64-bit length; multi-byte UTF-8 throughout
    String text = "Zoë – 東京 🚀 ".repeat(6_000);
    try (WsClient alice = WsClient.subscribed("/api/ws", room);
        WsClient bob = WsClient.subscribed("/api/ws", room)) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> published =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(SuiteServer.http("/api/channels/" + room + "/messages"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + TestTokens.TESTER)
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                envelope("note", null, object("n", i, "text", text))))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals(202, published.statusCode(), published.body());
        for (WsClient client : new WsClient[] {alice, bob}) {
          var payload = client.expect("note").getJsonObject("payload");
          assertEquals(i, payload.getInt("n"));
          assertEquals(text, payload.getString("text"));
        }
        // a reply to one client between two broadcasts
        alice.send(envelope("ping", "p" + i, object("sequenceNumber", i)));
        assertEquals(i, alice.expect("pong").getJsonObject("payload").getInt("sequenceNumber"));
      }
    }
    String log = Files.readString(SuiteServer.server().log());
    // logged once, when the first socket's transport took its wire
    assertEquals(
        AppServer.current() == AppServer.PAYARA_MICRO ? 1 : 0,
        log.split(GrizzlyWire.IN_USE, -1).length - 1);
    assertFalse(log.contains(GrizzlyWire.NOT_FOUND));
  }
}
