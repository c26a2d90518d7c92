package io.syncline.security;

import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.frame;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Frames.ping;
import static io.syncline.testing.Frames.push;
import static io.syncline.testing.Frames.recovery;
import static io.syncline.testing.Frames.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Roles × channels × actions with real RS256 tokens, against the suite server's policy: {@code
 * Report} is read by viewer and editor and written by editor; {@code Owned} records belong to the
 * user in their {@code owner} field; publishing needs service or admin; admin may do anything but
 * subscribe to another user's personal channel.
 */
@ExtendWith(SuiteServer.class)
class AuthorizationMatrixIT {

  private static final List<String> ROLES = List.of("user", "viewer", "editor", "service", "admin");

  /** Which roles each action is allowed for. */
  private static final Map<String, List<String>> ALLOWED =
      Map.of(
          "subscribe entity:Report", List.of("viewer", "editor", "admin"),
          "broadcast entity:Report", List.of("viewer", "editor", "admin"),
          "subscribe user:someone-else", List.of(),
          "subscribe user:self", ROLES,
          "subscribe component:room", ROLES,
          "push Report", List.of("editor", "admin"),
          "REST read Report", List.of("viewer", "editor", "admin"),
          "REST write Report", List.of("editor", "admin"),
          "publish component:room", List.of("service", "admin"),
          "REST prune the change log", List.of("admin"));

  @Test
  void everyCellOfTheMatrixIsEnforced() {
    List<String> wrong = new ArrayList<>();
    for (String role : ROLES) {
      String user = role + "-" + UUID.randomUUID().toString().substring(0, 6);
      String token = TestTokens.token(user, role);
      for (Map.Entry<String, List<String>> cell : ALLOWED.entrySet()) {
        boolean expected = cell.getValue().contains(role);
        boolean actual = attempt(cell.getKey(), user, token);
        if (expected != actual) {
          wrong.add(
              role + " / " + cell.getKey() + ": expected " + (expected ? "allowed" : "refused"));
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  /** authz:check answers what the request itself meets, cell by cell, without doing anything. */
  @Test
  void authzCheckAnswersWhatTheRequestWouldMeet() {
    Map<String, String[]> checks =
        Map.of(
            "subscribe entity:Report", new String[] {"entity:Report", "subscribe"},
            "broadcast entity:Report", new String[] {"entity:Report", "broadcast"},
            "subscribe user:someone-else", new String[] {"user:someone-else", "subscribe"},
            "subscribe component:room", new String[] {"component:room", "subscribe"},
            "publish component:room", new String[] {"component:room", "publish"},
            "push Report", new String[] {"entity:Report", "write"});
    List<String> wrong = new ArrayList<>();
    for (String role : ROLES) {
      try (WsClient client =
          WsClient.connect("/api/ws?access_token=" + TestTokens.token(role + "-asks", role))) {
        client.expect("connection:established");
        for (Map.Entry<String, String[]> check : checks.entrySet()) {
          client.send(
              envelope(
                  "authz:check",
                  "q",
                  object(
                      "resource",
                      check.getValue()[0],
                      "action",
                      check.getValue()[1],
                      "context",
                      object("title", "q3"))));
          JsonObject result = client.expect("authz:result").getJsonObject("payload");
          boolean expected = ALLOWED.get(check.getKey()).contains(role);
          if (result.getBoolean("allowed") != expected) {
            wrong.add(role + " / " + check.getKey() + ": " + result);
          }
          if (!expected && result.getString("reason", "").isEmpty()) {
            wrong.add(role + " / " + check.getKey() + ": a refusal without a reason");
          }
        }
        client.send(
            envelope("authz:check", "bad", object("resource", "entity:Report", "action", "fly")));
        assertEquals("bad", client.expectError("bad_message").getString("requestId"));
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void ownedRecordsAreTheirOwnersOnly() {
    String id = UUID.randomUUID().toString();
    Rest ada = Rest.h2().as(TestTokens.token("ada", "user"));
    Rest bob = Rest.h2().as(TestTokens.token("bob", "user"));
    try (WsClient bobWatching = subscribed(TestTokens.token("bob", "user"), "entity:Owned");
        WsClient adaWatching = subscribed(TestTokens.token("ada", "user"), "entity:Owned")) {
      assertEquals(
          201,
          ada.post("/api/entities/Owned", object("id", id, "owner", "ada").toString())
              .statusCode());
      adaWatching.expect("entity:created");
      bobWatching.expectNone(Duration.ofMillis(300));
      assertEquals(200, ada.get("/api/entities/Owned/" + id).statusCode());
      assertEquals(403, bob.get("/api/entities/Owned/" + id).statusCode());
      assertEquals(
          403,
          bob.patch("/api/entities/Owned/" + id, object("owner", "bob").toString(), null)
              .statusCode());
      assertEquals(
          403, bob.post("/api/entities/Owned", object("owner", "ada").toString()).statusCode());
      assertEquals(
          0,
          Rest.body(bob.get("/api/entities/Owned"), 200).getJsonArray("items").stream()
              .filter(item -> item.asJsonObject().getString("id").equals(id))
              .count());
      bobWatching.send(push(null, "Owned", id, "update", object("x", 1)));
      bobWatching.expectError("forbidden");
    }
  }

  /**
   * The deletion of an owned record reaches its owner, live and in catch-up, and nobody else: the
   * owner's other tabs and devices drop the record too.
   */
  @Test
  void theDeletionOfAnOwnedRecordReachesItsOwnerOnly() {
    String id = UUID.randomUUID().toString();
    Rest ada = Rest.h2().as(TestTokens.token("ada", "user"));
    Rest bob = Rest.h2().as(TestTokens.token("bob", "user"));
    try (WsClient bobWatching = subscribed(TestTokens.token("bob", "user"), "entity:Owned");
        WsClient adaWatching = subscribed(TestTokens.token("ada", "user"), "entity:Owned")) {
      long created = ownedBy(ada, "ada", id);
      assertEquals(
          created, adaWatching.expect("entity:created").getJsonNumber("version").longValue());
      assertEquals(204, ada.delete("/api/entities/Owned/" + id, null).statusCode());
      JsonObject deleted = adaWatching.expect("entity:deleted");
      assertEquals(id, deleted.getJsonObject("payload").getString("id"), deleted::toString);
      assertFalse(deleted.toString().contains("removed"), deleted::toString);
      bobWatching.expectNone(Duration.ofMillis(300));
      long deletion = deleted.getJsonNumber("version").longValue();
      assertTrue(recovered(adaWatching, "ada", created).contains(deletion));
      assertFalse(recovered(bobWatching, "bob", created).contains(deletion));

      String since = "/api/sync/Owned?since=" + created;
      List<JsonObject> adas = changesOf(Rest.body(ada.get(since), 200), id);
      assertEquals(1, adas.size(), adas::toString);
      assertEquals("delete", adas.get(0).getString("action"));
      assertEquals(JsonValue.NULL, adas.get(0).get("data"));
      assertEquals(List.of(), changesOf(Rest.body(bob.get(since), 200), id));
    }
  }

  /**
   * Recovery reads on past changes the caller may not see (more of them than a page) to those it
   * may, in a missing range and after the last one it had, and says it is complete only then.
   */
  @Test
  void recoveryReadsPastChangesTheCallerMayNotSee() {
    Rest ada = Rest.h2().as(TestTokens.token("ada", "user"));
    Rest bob = Rest.h2().as(TestTokens.token("bob", "user"));
    long first = ownedBy(ada, "ada", UUID.randomUUID().toString());
    // more than the log pages one recovery reads (8 of 31 on the suite server), so it answers in
    // parts, each ending with where it got to
    for (int i = 0; i < 300; i++) {
      ownedBy(bob, "bob", UUID.randomUUID().toString());
    }
    String adas = UUID.randomUUID().toString();
    long second = ownedBy(ada, "ada", adas);
    try (WsClient socket =
        WsClient.connect("/api/ws?access_token=" + TestTokens.token("ada", "user"))) {
      socket.expect("connection:established");
      // the versions between her two records missing, the second one had
      assertEquals(List.of(second), recovered(socket, "ada", second, first + 1, second));
      // nothing missing, the first one had: the second comes after, past bob's
      assertTrue(recovered(socket, "ada", first).contains(second));
    }
  }

  /**
   * The versions of Owned records recovery answers with, asked again until it is complete; each
   * record it carries must be {@code owner}'s.
   */
  private static List<Long> recovered(WsClient socket, String owner, long last, long... missing) {
    List<Long> versions = new ArrayList<>();
    long after = last;
    long[] ranges = missing;
    for (int request = 0; request < 20; request++) {
      socket.send(recovery("r" + request, after, ranges));
      long reached;
      while (true) {
        JsonObject payload = socket.expect("recovery:response").getJsonObject("payload");
        reached = payload.getJsonNumber("sequenceNumber").longValue();
        if (payload.get("data") instanceof JsonObject change
            && change.getString("entity").equals("Owned")) {
          assertFalse(change.containsKey("removed"), change::toString);
          if (change.get("data") instanceof JsonObject record) {
            assertEquals(owner, record.getString("owner"), change::toString);
          }
          versions.add(change.getJsonNumber("version").longValue());
        }
        if (payload.getBoolean("isComplete")) {
          return versions;
        }
        if (!(payload.get("data") instanceof JsonObject)) {
          break; // answered up to `reached`: ask again for the rest
        }
      }
      ranges = rest(ranges, reached);
      after = Math.max(after, reached);
    }
    throw new AssertionError("recovery never completed; had " + versions);
  }

  /** The parts of the start, end pairs after {@code reached}. */
  private static long[] rest(long[] ranges, long reached) {
    List<Long> left = new ArrayList<>();
    for (int i = 0; i + 1 < ranges.length; i += 2) {
      if (ranges[i + 1] > reached) {
        left.add(Math.max(ranges[i], reached + 1));
        left.add(ranges[i + 1]);
      }
    }
    return left.stream().mapToLong(Long::longValue).toArray();
  }

  private static long ownedBy(Rest as, String owner, String id) {
    return Rest.body(
            as.post("/api/entities/Owned", object("id", id, "owner", owner).toString()), 201)
        .getJsonNumber("version")
        .longValue();
  }

  private static List<JsonObject> changesOf(JsonObject page, String id) {
    return page.getJsonArray("changes").getValuesAs(JsonObject.class).stream()
        .filter(change -> change.getString("entityId").equals(id))
        .toList();
  }

  private static WsClient subscribed(String token, String channel) {
    WsClient client = WsClient.connect("/api/ws?access_token=" + token);
    client.expect("connection:established");
    client.send(subscribe(channel));
    client.expect("subscribed");
    return client;
  }

  private static boolean attempt(String action, String user, String token) {
    Rest rest = Rest.h2().as(token);
    return switch (action) {
      case "REST read Report" -> status(rest.get("/api/entities/Report"), 200);
      case "REST write Report" ->
          status(rest.post("/api/entities/Report", object("title", "q3").toString()), 201);
      case "REST prune the change log" ->
          status(rest.post("/api/sync/prune", object("through", 0).toString()), 200);
      case "publish component:room" ->
          status(rest.post("/api/channels/component:room/messages", frame("note")), 202);
      default -> overSocket(action, user, token);
    };
  }

  private static boolean overSocket(String action, String user, String token) {
    try (WsClient client = WsClient.connect("/api/ws?access_token=" + token)) {
      client.expect("connection:established");
      String frame;
      if (action.startsWith("subscribe ")) {
        String channel =
            action.substring("subscribe ".length()).replace("user:self", "user:" + user);
        frame = subscribe(channel);
      } else if (action.equals("broadcast entity:Report")) {
        client.send(subscribe("entity:Report"));
        if (!client.next().getString("type").equals("subscribed")) {
          return false;
        }
        frame = frame("broadcast", "requestId", "b", "channel", "entity:Report", "event", "typing");
        client.send(frame);
        client.send(ping("after"));
        return client.next().getString("type").equals("pong");
      } else {
        frame = push(null, "Report", UUID.randomUUID().toString(), "create", object("title", "q4"));
      }
      client.send(frame);
      JsonObject answer = client.next();
      String type = answer.getString("type");
      if (type.equals("error")) {
        assertEquals(
            "forbidden", answer.getJsonObject("payload").getString("code"), answer::toString);
        return false;
      }
      return true;
    }
  }

  private static boolean status(HttpResponse<String> response, int success) {
    if (response.statusCode() == success) {
      return true;
    }
    assertEquals(403, response.statusCode(), response.body());
    return false;
  }
}
