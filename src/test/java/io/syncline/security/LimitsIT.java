package io.syncline.security;

import static io.syncline.testing.Frames.frame;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Frames.ping;
import static io.syncline.testing.Frames.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Frames;
import io.syncline.testing.LimitedServer;
import io.syncline.testing.Rest;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Message, broadcast and request rates, on a server with small limits. */
@ExtendWith(LimitedServer.class)
class LimitsIT {

  private static WsClient client(String user) {
    WsClient client =
        WsClient.connect(
            LimitedServer.server().ws("/api/ws?access_token=" + TestTokens.token(user, "user")));
    client.expect("connection:established");
    return client;
  }

  @Test
  void aFloodIsRateLimitedAndSustainedAbuseCloses() {
    try (WsClient flooder = client("flooder")) {
      // Twice the burst at once: the bucket refills while they are handled (by the rate, per
      // second), so somewhere after the burst one is refused, and every later one until then.
      int sent = LimitedServer.MESSAGE_BURST * 2;
      for (int i = 0; i < sent; i++) {
        flooder.send(frame("ping", "requestId", Integer.toString(i)));
      }
      int pongs = 0;
      JsonObject frame = flooder.next();
      while (frame.getString("type").equals("pong")) {
        assertEquals(String.valueOf(pongs), frame.getString("requestId"));
        pongs++;
        frame = flooder.next();
      }
      assertTrue(pongs >= LimitedServer.MESSAGE_BURST && pongs < sent, pongs + " pings answered");
      assertEquals("rate-limit", frame.getString("type"), frame::toString);
      JsonObject limit = frame.getJsonObject("payload");
      assertEquals(LimitedServer.MESSAGES_PER_SECOND, limit.getInt("limit"));
      assertTrue(limit.containsKey("resetAt") && limit.containsKey("window"), limit::toString);
      assertEquals(0, limit.getInt("remaining"));
      JsonObject error = flooder.expectError("rate_limited");
      assertEquals(String.valueOf(pongs), error.getString("requestId"));
      assertTrue(error.getJsonObject("payload").getJsonNumber("retryAfter").longValue() > 0);
      // More refusals, one ping in flight at a time once the flood's are answered, until one more
      // than the threshold: the server closes after that one. Nothing is sent after it: a frame
      // that reaches the server after its close can be answered with a TCP reset, and the client
      // then saw an error instead of the close frame (one CI rehearsal, close code -1).
      int unanswered = sent - pongs - 1;
      int refused = 1;
      int more = 0;
      while (refused <= LimitedServer.ABUSE_THRESHOLD) {
        if (unanswered == 0) {
          assertTrue(
              more++ < LimitedServer.ABUSE_THRESHOLD * 4,
              refused + " refusals after " + more + " more pings");
          flooder.send(ping(null));
          unanswered++;
        }
        JsonObject answer = flooder.next();
        if (answer.getString("type").equals("pong")) {
          unanswered--;
        } else if (answer.getString("type").equals("error")) {
          assertEquals(
              "rate_limited", answer.getJsonObject("payload").getString("code"), answer::toString);
          unanswered--;
          refused++;
        }
      }
      assertEquals(1008, flooder.awaitClose());
    }
  }

  @Test
  void aRoomTakesItsCapOfMembersAndAStateUpToItsSize() {
    String id = UUID.randomUUID().toString();
    String room = "component:" + id;
    List<WsClient> members = new ArrayList<>();
    try {
      for (int i = 0; i < LimitedServer.ROOM_MEMBERS; i++) {
        WsClient member = client("member" + i);
        member.send(subscribe(room));
        member.expect("subscribed");
        members.add(member);
      }
      WsClient late = client("late");
      members.add(late);
      late.send(subscribe(room, "requestId", "full"));
      assertEquals("full", late.expectError("limit_exceeded").getString("requestId"));

      String big = "x".repeat(LimitedServer.ROOM_STATE_BYTES);
      WsClient first = members.get(0);
      first.send(
          frame(
              "component:update",
              "requestId",
              "big",
              "componentId",
              id,
              "updates",
              object("text", big)));
      assertEquals("big", awaitError(first, "limit_exceeded").getString("requestId"));
    } finally {
      members.forEach(WsClient::close);
    }
  }

  /** The next error, past the presence frames a room sends its members. */
  private static JsonObject awaitError(WsClient client, String code) {
    for (int i = 0; i < 20; i++) {
      JsonObject frame = client.next();
      if (frame.getString("type").equals("error")) {
        assertEquals(code, frame.getJsonObject("payload").getString("code"), frame::toString);
        return frame;
      }
      assertTrue(frame.getString("type").startsWith("presence:"), frame::toString);
    }
    throw new AssertionError("no error");
  }

  @Test
  void aChannelsBroadcastRateIsCapped() {
    String room = "entity:Room:" + UUID.randomUUID();
    try (WsClient sender = client("sender");
        WsClient listener = client("listener")) {
      for (WsClient client : new WsClient[] {sender, listener}) {
        client.send(subscribe(room));
        client.expect("subscribed");
      }
      int allowed = LimitedServer.CHANNEL_BROADCASTS_PER_SECOND * 2;
      for (int i = 0; i <= allowed; i++) {
        sender.send(frame("broadcast", "requestId", "b" + i, "channel", room, "event", "e"));
      }
      for (int i = 0; i < allowed; i++) {
        listener.expect("broadcast");
      }
      assertEquals(
          LimitedServer.CHANNEL_BROADCASTS_PER_SECOND,
          sender.expect("rate-limit").getJsonObject("payload").getInt("limit"));
      JsonObject refused = sender.expectError("rate_limited");
      assertTrue(
          refused.getJsonObject("payload").getString("message").contains(room), refused::toString);
    }
  }

  @Test
  void validationRequestsCountAgainstTheRateLimitsLikeAnyOther() {
    String request =
        Frames.envelope(
            "validate_field",
            "v",
            Frames.object("form", "contact", "field", "email", "value", "a@b.example"));
    try (WsClient validator = client("validator")) {
      int sent = LimitedServer.MESSAGE_BURST * 2;
      for (int i = 0; i < sent; i++) {
        validator.send(request);
      }
      int answered = 0;
      int limited = 0;
      while (answered < sent) {
        JsonObject frame = validator.next();
        switch (frame.getString("type")) {
          case "validation_result" -> answered++;
          case "error" -> {
            assertEquals("rate_limited", frame.getJsonObject("payload").getString("code"));
            answered++;
            limited++;
          }
          default -> assertEquals("rate-limit", frame.getString("type"));
        }
      }
      assertTrue(limited > 0, "no validation request was limited");
    }
    Rest rest = new Rest(LimitedServer.server()::http, TestTokens.token("form-filler", "user"));
    String body = Frames.object("fields", Frames.array()).toString();
    assertEquals(
        429, untilRefused(() -> rest.post("/api/forms/contact/validate", body)).statusCode());
  }

  /**
   * Sends requests one after the other until one is refused, at most four bursts' worth: the bucket
   * refills one a second, so however slow the machine, that many are not all let through.
   */
  private static HttpResponse<String> untilRefused(
      java.util.function.Supplier<HttpResponse<String>> request) {
    HttpResponse<String> last = null;
    for (int i = 0;
        i < LimitedServer.REST_BURST * 4 && (last == null || last.statusCode() != 429);
        i++) {
      last = request.get();
    }
    return last;
  }

  @Test
  void restRequestsAreCappedPerUser() {
    Rest rest = new Rest(LimitedServer.server()::http, TestTokens.token("busy", "user"));
    HttpResponse<String> last = untilRefused(() -> rest.get("/api/entities/Item?limit=1"));
    assertEquals(429, last.statusCode());
    assertEquals("rate_limited", Rest.json(last.body()).getString("code"));
    assertTrue(last.headers().firstValue("Retry-After").isPresent());
    Rest other = new Rest(LimitedServer.server()::http, TestTokens.token("calm", "user"));
    assertEquals(200, other.get("/api/entities/Item?limit=1").statusCode());
  }

  @Test
  void aBackEndServiceWritingFourHundredRecordsIsNotRefused() throws Exception {
    Rest service = new Rest(LimitedServer.server()::http, TestTokens.token("importer", "service"));
    String entity = "Import" + UUID.randomUUID().toString().substring(0, 8);
    List<Callable<List<Integer>>> writers = new ArrayList<>();
    for (int writer = 0; writer < 4; writer++) {
      int w = writer;
      writers.add(
          () -> {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
              statuses.add(
                  service
                      .post("/api/entities/" + entity, object("id", "w" + w + "-" + i).toString())
                      .statusCode());
            }
            return statuses;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (Future<List<Integer>> done : pool.invokeAll(writers)) {
        assertEquals(List.of(201), done.get().stream().distinct().toList());
      }
    } finally {
      pool.shutdownNow();
    }
    // An ordinary user on the same server still has the small budget.
    Rest user = new Rest(LimitedServer.server()::http, TestTokens.token("reader", "user"));
    HttpResponse<String> last = null;
    for (int i = 0; i <= LimitedServer.REST_BURST + 2; i++) {
      last = user.get("/api/entities/" + entity + "?limit=1");
    }
    assertEquals(429, last.statusCode());
  }
}
