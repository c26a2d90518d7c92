package io.syncline.security;

import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.frame;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Frames.ping;
import static io.syncline.testing.Frames.subscribe;
import static io.syncline.testing.Rest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Frames;
import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every way a token comes in, and every way one is refused. */
@ExtendWith(SuiteServer.class)
class AuthenticationIT {

  private static void assertAuthenticatedAs(WsClient client, String user) {
    assertEquals(
        user, client.expect("connection:established").getJsonObject("payload").getString("userId"));
  }

  @Test
  void aTokenIsAcceptedInTheQueryTheHeaderTheSubprotocolAndAnAuthFrame() {
    String ada = TestTokens.token("ada", "user");
    try (WsClient query = WsClient.connect("/api/ws?access_token=" + ada)) {
      assertAuthenticatedAs(query, "ada");
    }
    try (WsClient header =
        WsClient.connect(SuiteServer.ws("/api/ws"), Map.of("Authorization", "Bearer " + ada))) {
      assertAuthenticatedAs(header, "ada");
    }
    try (WsClient subprotocol = WsClient.connect(SuiteServer.ws("/api/ws"), Map.of(), "jwt", ada)) {
      assertAuthenticatedAs(subprotocol, "ada");
    }
    try (WsClient frame = WsClient.connect(SuiteServer.ws("/api/ws"), Map.of())) {
      JsonObject hello = frame.expect("connection:established").getJsonObject("payload");
      assertEquals(JsonValue.NULL, hello.get("userId"), hello::toString);
      frame.send(frame("subscribe", "requestId", "early", "channel", "component:1"));
      assertEquals("early", frame.expectError("unauthenticated").getString("requestId"));
      frame.send(ping("p"));
      frame.expect("pong");
      frame.send(envelope("auth", "a", object("token", ada)));
      JsonObject ok = frame.expect("auth:ok");
      assertEquals("a", ok.getString("requestId"));
      assertEquals("ada", ok.getJsonObject("payload").getString("userId"));
      assertTrue(ok.getJsonObject("payload").getJsonArray("roles").toString().contains("user"));
      frame.send(subscribe("user:ada"));
      frame.expect("subscribed");
    }
    Rest rest = Rest.h2();
    assertEquals(200, rest.as(ada).get("/api/entities/Item?limit=1").statusCode());
    assertEquals(
        200, rest.as(null).get("/api/entities/Item?limit=1&access_token=" + ada).statusCode());
  }

  @Test
  void missingExpiredForgedAndForeignTokensAreRefused() {
    for (String bad :
        new String[] {
          TestTokens.expiring("ada", Duration.ofMinutes(-5), "user"),
          TestTokens.wrongKey("ada"),
          TestTokens.wrongIssuer("ada"),
          "not-a-token"
        }) {
      try (WsClient client = WsClient.connect("/api/ws?access_token=" + bad)) {
        client.expectError("unauthenticated");
        assertEquals(1008, client.awaitClose());
      }
      HttpResponse<String> rest = Rest.h2().as(bad).get("/api/entities/Item");
      assertEquals(401, rest.statusCode());
      assertEquals("unauthenticated", Rest.json(rest.body()).getString("code"));
    }
    HttpResponse<String> none = Rest.h2().as(null).get("/api/entities/Item");
    assertEquals(401, none.statusCode());
    assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
  }

  @Test
  void aSocketThatNeverAuthenticatesIsClosedWith1008() {
    try (WsClient client = WsClient.connect(SuiteServer.ws("/api/ws"), Map.of())) {
      client.expect("connection:established");
      client.expectError("unauthenticated");
      assertEquals(1008, client.awaitClose());
    }
  }

  @Test
  void anExpiredTokenEndsTheSession() {
    String shortLived = TestTokens.expiring("ada", Duration.ofSeconds(-58), "user");
    // within the server's clock skew of 60 s the token is accepted for about two seconds; a slow
    // machine may already see it expired at the handshake, which ends the same way
    try (WsClient client = WsClient.connect("/api/ws?access_token=" + shortLived)) {
      JsonObject first = client.next();
      if (first.getString("type").equals("connection:established")) {
        first = client.next();
      }
      assertEquals("error", first.getString("type"), first::toString);
      assertEquals("unauthenticated", first.getJsonObject("payload").getString("code"));
      assertEquals(1008, client.awaitClose());
    }
  }

  @Test
  void aRefreshThatLosesARoleDropsTheSubscriptionsItNoLongerAllows() {
    String editor = TestTokens.token("erin", "editor");
    try (WsClient client = WsClient.connect("/api/ws?access_token=" + editor)) {
      client.expect("connection:established");
      client.send(frame("subscribe", "channels", array("entity:Report", "schema:crm")));
      client.expect("subscribed");
      client.expect("subscribed");
      client.send(Frames.frame("auth", "token", TestTokens.token("erin", "user")));
      client.expect("auth:ok");
      JsonObject dropped = client.expect("unsubscribed");
      assertEquals("entity:Report", dropped.getJsonObject("payload").getString("channel"));
      client.expectNone(Duration.ofMillis(300));

      // another user's token, then a forged one: each refused, and the connection stays erin's
      client.send(
          Frames.envelope(
              "auth", "other", Frames.object("token", TestTokens.token("mallory", "admin"))));
      assertEquals("other", client.expectError("unauthenticated").getString("requestId"));
      client.send(
          Frames.envelope("auth", "forged", Frames.object("token", TestTokens.wrongKey("erin"))));
      assertEquals("forged", client.expectError("unauthenticated").getString("requestId"));
      client.send(frame("subscribe", "channels", array("user:erin")));
      client.expect("subscribed");
      client.send(frame("subscribe", "channels", array("user:mallory")));
      client.expectError("forbidden");
      assertFalse(client.isClosed());
    }
  }

  @Test
  void aRefusedAuthLeavesAnUnauthenticatedSocketToItsDeadline() {
    try (WsClient client = WsClient.connect(SuiteServer.ws("/api/ws"), Map.of())) {
      client.expect("connection:established");
      client.send(Frames.envelope("auth", "a", Frames.object("token", "not-a-token")));
      assertEquals("a", client.expectError("unauthenticated").getString("requestId"));
      client.send(
          Frames.envelope("auth", "b", Frames.object("token", TestTokens.token("ada", "user"))));
      assertEquals("b", client.expect("auth:ok").getString("requestId"));
      client.send(ping("p"));
      assertEquals("p", client.expect("pong").getString("requestId"));
    }
    try (WsClient client = WsClient.connect(SuiteServer.ws("/api/ws"), Map.of())) {
      client.expect("connection:established");
      client.send(Frames.envelope("auth", "a", Frames.object("token", "not-a-token")));
      assertEquals("a", client.expectError("unauthenticated").getString("requestId"));
      client.expectError("unauthenticated"); // its deadline
      assertEquals(1008, client.awaitClose());
    }
  }

  @Test
  void aForeignOriginCannotOpenASocketOrPassCors() {
    try (WsClient foreign =
        WsClient.connect(
            SuiteServer.ws(WsClient.withToken("/api/ws", TestTokens.TESTER)),
            Map.of("Origin", "https://evil.example"))) {
      assertEquals(1008, foreign.awaitClose());
    }
    try (WsClient portal =
        WsClient.connect(
            SuiteServer.ws(WsClient.withToken("/api/ws", TestTokens.TESTER)),
            Map.of("Origin", "http://portal.example.test"))) {
      portal.expect("connection:established");
    }
    Rest rest = Rest.h2().as(null);
    HttpResponse<String> preflight =
        rest.send(
            "OPTIONS",
            "/api/entities/Item",
            Map.of("Origin", "http://portal.example.test", "Access-Control-Request-Method", "GET"));
    assertEquals(204, preflight.statusCode());
    assertEquals(
        "http://portal.example.test",
        preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    HttpResponse<String> evil =
        rest.send(
            "OPTIONS",
            "/api/entities/Item",
            Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "GET"));
    assertEquals(403, evil.statusCode());
    assertTrue(evil.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
  }

  @Test
  void developmentModeIsOffUnlessSwitchedOn() {
    HttpResponse<String> mint =
        Rest.h2()
            .as(null)
            .post("/api/dev/tokens", object("user", "ada", "roles", array("admin")).toString());
    assertEquals(404, mint.statusCode());
    body(Rest.h2().get("/api/entities/Item?limit=1"), 200);
  }
}
