package io.syncline.security;

import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Frames;
import io.syncline.testing.OidcProvider;
import io.syncline.testing.Rest;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tokens from a real OpenID Connect provider, found by discovery from the issuer alone: every path
 * in, the audience, expiry and refresh, key rotation with clients connected, a JWKS outage.
 */
@ExtendWith(OidcProvider.class)
class OidcIT {

  private static Rest rest(String token) {
    return new Rest(OidcProvider.server()::http, token);
  }

  private static String userOf(WsClient client) {
    return client
        .expect("connection:established")
        .getJsonObject("payload")
        .getString("userId", null);
  }

  private static String auth(String token) {
    return envelope("auth", "a", object("token", token));
  }

  @Test
  void aProviderTokenIsAcceptedOnEveryPathIn() {
    String ada = OidcProvider.token("ada", "user");
    try (WsClient query =
        WsClient.connect(OidcProvider.server().ws("/api/ws?access_token=" + ada))) {
      assertEquals("ada", userOf(query));
    }
    try (WsClient header =
        WsClient.connect(
            OidcProvider.server().ws("/api/ws"), Map.of("Authorization", "Bearer " + ada))) {
      assertEquals("ada", userOf(header));
    }
    try (WsClient subprotocol =
        WsClient.connect(OidcProvider.server().ws("/api/ws"), Map.of(), "jwt", ada)) {
      assertEquals("ada", userOf(subprotocol));
    }
    try (WsClient frame = WsClient.connect(OidcProvider.server().ws("/api/ws"), Map.of())) {
      frame.expect("connection:established");
      frame.send(auth(ada));
      assertEquals("ada", frame.expect("auth:ok").getJsonObject("payload").getString("userId"));
    }
    assertEquals(200, rest(ada).get("/api/entities/Item?limit=1").statusCode());
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    String billing = OidcProvider.token("ada", "billing-api", 3600, "user");
    HttpResponse<String> refused = rest(billing).get("/api/entities/Item?limit=1");
    assertEquals(401, refused.statusCode());
    assertTrue(Rest.json(refused.body()).getString("message").contains("audience"), refused::body);
    try (WsClient socket =
        WsClient.connect(OidcProvider.server().ws("/api/ws?access_token=" + billing))) {
      assertTrue(
          socket.expectError("unauthenticated").toString().contains("audience"), "names why");
      assertEquals(1008, socket.awaitClose());
    }
  }

  @Test
  void anExpiredTokenIsRefusedAndAFreshOneIsAcceptedOverTheOpenSocket() {
    String expired = OidcProvider.token("ada", OidcProvider.AUDIENCE, -300, "user");
    HttpResponse<String> refused = rest(expired).get("/api/entities/Item?limit=1");
    assertEquals(401, refused.statusCode());
    assertTrue(Rest.json(refused.body()).getString("message").contains("expired"), refused::body);

    String shortLived = OidcProvider.token("ada", OidcProvider.AUDIENCE, 3600, "user");
    try (WsClient socket =
        WsClient.connect(OidcProvider.server().ws("/api/ws?access_token=" + shortLived))) {
      assertEquals("ada", userOf(socket));
      socket.send(auth(OidcProvider.token("ada", OidcProvider.AUDIENCE, 7200, "user")));
      JsonObject ok = socket.expect("auth:ok").getJsonObject("payload");
      assertTrue(
          Instant.parse(ok.getString("expiresAt"))
              .isAfter(Instant.now().plus(Duration.ofMinutes(90))),
          ok::toString);
      // an expired one is refused, and the socket keeps the fresh one
      socket.send(auth(expired));
      assertTrue(socket.expectError("unauthenticated").toString().contains("expired"));
      socket.send(Frames.ping("p"));
      assertEquals("p", socket.expect("pong").getString("requestId"));
    }
  }

  @Test
  void keysRotateWhileClientsStayConnected() {
    String before = OidcProvider.token("ada", "user", "service");
    try (WsClient connected =
        WsClient.connect(OidcProvider.server().ws("/api/ws?access_token=" + before))) {
      assertEquals("ada", userOf(connected));

      OidcProvider.rotateKey();
      String after = OidcProvider.token("bob", "user", "service");
      // The new key id is unknown until the JWKS is fetched again, which is rate-limited to once
      // a second here: a refused attempt is followed by another until one gets in.
      WsClient newcomer = connectWithin(Duration.ofSeconds(20), after);
      try (newcomer) {
        assertEquals("bob", userOf(newcomer));
      }
      HttpResponse<String> published =
          rest(after)
              .post(
                  "/api/channels/user:ada/messages",
                  envelope("dashboard:update", null, object("value", 1)));
      assertEquals(202, published.statusCode(), published::body);
      assertEquals(
          1, connected.expect("dashboard:update").getJsonObject("payload").getInt("value"));
      connected.send(auth(OidcProvider.token("ada", "user", "service")));
      connected.expect("auth:ok");
    }
  }

  @Test
  void knownKeysKeepWorkingWhileTheProviderIsDown() {
    String known = OidcProvider.token("ada", "user");
    assertEquals(200, rest(known).get("/api/entities/Item?limit=1").statusCode());
    OidcProvider.outage(
        () -> {
          assertEquals(200, rest(known).get("/api/entities/Item?limit=1").statusCode());
          OidcProvider.rotateKey();
          HttpResponse<String> unknown =
              rest(OidcProvider.token("ada", "user")).get("/api/entities/Item?limit=1");
          assertEquals(401, unknown.statusCode(), "a key it could not fetch is not trusted");
          assertEquals(200, rest(known).get("/api/entities/Item?limit=1").statusCode());
        });
    // Back up: the new key is fetched (rate-limited to once a second here).
    connectWithin(Duration.ofSeconds(20), OidcProvider.token("ada", "user")).close();
  }

  private static WsClient connectWithin(Duration limit, String token) {
    Instant deadline = Instant.now().plus(limit);
    while (true) {
      HttpResponse<String> probe = rest(token).get("/api/entities/Item?limit=1");
      if (probe.statusCode() == 200) {
        return WsClient.connect(OidcProvider.server().ws("/api/ws?access_token=" + token));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "a token signed with the new key was refused for " + limit + ": " + probe.body());
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // poll interval
    }
  }
}
