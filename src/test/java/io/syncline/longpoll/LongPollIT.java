package io.syncline.longpoll;

import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.frame;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Frames.ping;
import static io.syncline.testing.Frames.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The long-poll transport ({@code /api/lp}) against the real server: a session answers what a
 * socket answers (auth, ping, subscribe and changes, broadcasts both ways with sockets, presence),
 * a poll whose answer was lost gets the same frames again, and an idle session leaves presence.
 */
@ExtendWith(SuiteServer.class)
class LongPollIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** A long-poll session as a client drives it: post frames, poll with the last number seen. */
  static final class Session implements AutoCloseable {
    final String key;
    final String connectionId;
    final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    volatile long ack;
    volatile JsonObject closed;
    private volatile boolean polling;
    private Thread poller;

    Session(JsonObject connected) {
      key = connected.getString("session");
      connectionId = connected.getString("connectionId");
      take(connected);
    }

    /** Keeps polling in the background, as the client does, until closed. */
    Session polling() {
      polling = true;
      poller =
          new Thread(
              () -> {
                while (polling && closed == null) {
                  HttpResponse<String> answer = poll(ack, 1000);
                  if (answer.statusCode() != 200) {
                    return;
                  }
                  take(Rest.json(answer.body()));
                }
              },
              "lp-poller");
      poller.setDaemon(true);
      poller.start();
      return this;
    }

    /** The frames of an answer, skipping those already seen (a repeated answer). */
    synchronized void take(JsonObject answer) {
      JsonArray list = answer.getJsonArray("frames");
      long last = answer.getJsonNumber("last").longValue();
      long first = last - list.size() + 1;
      for (int i = 0; i < list.size(); i++) {
        if (first + i > ack) {
          unpack(list.getJsonObject(i));
        }
      }
      ack = Math.max(ack, last);
      if (answer.containsKey("closed")) {
        closed = answer.getJsonObject("closed");
      }
    }

    private void unpack(JsonObject frame) {
      if ("batch:update".equals(frame.getString("type"))) {
        for (JsonValue one : frame.getJsonObject("payload").getJsonArray("updates")) {
          frames.add(one.asJsonObject());
        }
      } else {
        frames.add(frame);
      }
    }

    HttpResponse<String> poll(long from, long timeoutMs) {
      return http(
          HttpRequest.newBuilder(
                  SuiteServer.http(
                      "/api/lp/" + key + "/poll?ack=" + from + "&timeout=" + timeoutMs))
              .GET());
    }

    HttpResponse<String> post(String... texts) {
      return http(
          HttpRequest.newBuilder(SuiteServer.http("/api/lp/" + key + "/frames"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", texts) + "]")));
    }

    Session send(String... texts) {
      HttpResponse<String> accepted = post(texts);
      assertEquals(200, accepted.statusCode(), accepted::body);
      return this;
    }

    JsonObject next() {
      if (!polling) {
        // a session not polling in the background polls here, until a frame or the deadline
        long deadline = System.nanoTime() + WsClient.TIMEOUT.toNanos();
        while (frames.isEmpty() && closed == null && System.nanoTime() < deadline) {
          take(Rest.body(poll(ack, 500), 200));
        }
      }
      try {
        JsonObject frame =
            frames.poll(polling ? WsClient.TIMEOUT.toMillis() : 0, TimeUnit.MILLISECONDS);
        if (frame == null) {
          throw new AssertionError("no frame within " + WsClient.TIMEOUT + "; closed " + closed);
        }
        return frame;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    JsonObject expect(String type) {
      JsonObject frame = next();
      assertEquals(type, frame.getString("type"), frame::toString);
      return frame;
    }

    /** The next frame of {@code type}, skipping presence frames on the way. */
    JsonObject await(String type) {
      for (int i = 0; i < 50; i++) {
        JsonObject frame = next();
        if (frame.getString("type").equals(type)) {
          return frame;
        }
        assertTrue(frame.getString("type").startsWith("presence:"), () -> "unexpected " + frame);
      }
      throw new AssertionError("no " + type);
    }

    @Override
    public void close() {
      polling = false;
      http(HttpRequest.newBuilder(SuiteServer.http("/api/lp/" + key)).DELETE());
      if (poller != null) {
        try {
          poller.join(5000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static HttpResponse<String> http(HttpRequest.Builder request) {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static HttpResponse<String> connect(String token, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(SuiteServer.http("/api/lp/connect"))
            .POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return http(request);
  }

  private static Session as(String user) {
    Session session =
        new Session(Rest.body(connect(TestTokens.token(user, "user"), Map.of()), 200));
    JsonObject established = session.expect("connection:established");
    assertEquals(session.connectionId, payload(established).getString("connectionId"));
    assertEquals(user, payload(established).getString("userId"));
    return session;
  }

  private static WsClient socketAs(String user) {
    WsClient client = WsClient.connect("/api/ws?access_token=" + TestTokens.token(user, "user"));
    client.expect("connection:established");
    return client;
  }

  private static JsonObject payload(JsonObject frame) {
    return frame.getJsonObject("payload");
  }

  private static String room() {
    return "entity:Room:" + UUID.randomUUID(); // a record channel: no room presence frames
  }

  /** Reads presence frames until one of {@code type} about {@code user}. */
  private static void awaitPresence(WsClient client, String type, String user) {
    for (int i = 0; i < 20; i++) {
      JsonObject frame = client.next();
      String got = frame.getString("type");
      if (got.equals(type) && payload(frame).getJsonObject("user").getString("id").equals(user)) {
        return;
      }
      assertTrue(got.startsWith("presence:"), frame::toString);
    }
    throw new AssertionError(user + " never showed up in " + type);
  }

  @Test
  void withoutATokenOnlyAuthAndPingAreServedAndABadTokenIsRefusedAtConnect() {
    HttpResponse<String> bad = connect(TestTokens.wrongKey("mallory"), Map.of());
    assertEquals("unauthenticated", Rest.body(bad, 401).getString("code"));

    try (Session anonymous = new Session(Rest.body(connect(null, Map.of()), 200)).polling()) {
      JsonObject established = anonymous.expect("connection:established");
      assertEquals(
          JsonValue.NULL,
          payload(established).getOrDefault("userId", JsonValue.NULL),
          established::toString);
      anonymous.send(subscribe("entity:Task", "requestId", "s1"));
      JsonObject refused = anonymous.expect("error");
      assertEquals("unauthenticated", payload(refused).getString("code"));
      assertEquals("s1", refused.getString("requestId"));

      anonymous.send(envelope("auth", "a1", object("token", TestTokens.token("ada", "user"))));
      JsonObject ok = anonymous.expect("auth:ok");
      assertEquals("ada", payload(ok).getString("userId"));
    }
  }

  @Test
  void aForeignOriginAndAnUnknownSessionAreRefusedWithCodes() {
    HttpResponse<String> foreign =
        connect(TestTokens.token("ada", "user"), Map.of("Origin", "http://evil.example.test"));
    assertEquals("forbidden", Rest.body(foreign, 403).getString("code"));

    HttpResponse<String> unknown =
        http(HttpRequest.newBuilder(SuiteServer.http("/api/lp/no-such-session/poll?ack=0")).GET());
    assertEquals("not_found", Rest.body(unknown, 404).getString("code"));

    try (Session ada = as("ada")) {
      HttpResponse<String> notArray =
          http(
              HttpRequest.newBuilder(SuiteServer.http("/api/lp/" + ada.key + "/frames"))
                  .POST(HttpRequest.BodyPublishers.ofString(ping(null))));
      assertEquals("bad_message", Rest.body(notArray, 400).getString("code"));
      HttpResponse<String> ahead = ada.poll(ada.ack + 5, 0);
      assertEquals("bad_message", Rest.body(ahead, 400).getString("code"));
    }
  }

  @Test
  void aPingIsAnsweredByTheServer() {
    try (Session ada = as("ada").polling()) {
      ada.send(envelope("ping", "p1", object("sequenceNumber", 7)));
      JsonObject pong = ada.expect("pong");
      assertEquals("p1", pong.getString("requestId"));
      assertEquals(7, payload(pong).getInt("sequenceNumber"));
      assertTrue(pong.containsKey("timestamp"), pong::toString);
    }
  }

  @Test
  void aSessionSpeaksTheFlatDialectWhenItAsksAsTheSocketDoes() {
    HttpResponse<String> connected =
        http(
            HttpRequest.newBuilder(SuiteServer.http("/api/lp/connect?dialect=flat"))
                .header("Authorization", "Bearer " + TestTokens.token("ada", "user"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    try (Session flat = new Session(Rest.body(connected, 200)).polling()) {
      JsonObject established = flat.expect("connection:established");
      assertEquals(
          flat.connectionId, established.getString("connection_id"), established::toString);
      flat.send(frame("ping", "request_id", "f1", "sequence_number", 3));
      JsonObject pong = flat.expect("pong");
      assertEquals("f1", pong.getString("request_id"));
      assertEquals(3, pong.getInt("sequence_number"));
    }
  }

  @Test
  void aSubscribedSessionGetsAChangeMadeOverRest() {
    String entity = "Lp" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (Session ada = as("ada").polling()) {
      ada.send(subscribe("entity:" + entity, "requestId", "s"));
      assertEquals("entity:" + entity, ada.expect("subscribed").getString("channel"));
      Rest.body(
          Rest.h2().post("/api/entities/" + entity, object("id", "r1", "n", 1).toString()), 201);
      JsonObject created = ada.expect("entity:created");
      assertEquals("r1", payload(created).getString("id"));
      assertTrue(created.getJsonNumber("version").longValue() > 0);
    }
  }

  @Test
  void broadcastsRelayBetweenASocketAndALongPollSessionBothWays() {
    String room = room();
    try (Session ada = as("ada").polling();
        WsClient bob = socketAs("bob")) {
      ada.send(subscribe(room));
      ada.expect("subscribed");
      bob.send(subscribe(room));
      bob.expect("subscribed");

      bob.send(
          frame(
              "broadcast",
              "channel",
              room,
              "payload",
              object("event", "typing", "data", object("field", "title"))));
      JsonObject toPoll = ada.await("broadcast");
      assertEquals("typing", payload(toPoll).getString("event"));
      assertEquals("bob", payload(toPoll).getString("from"));

      ada.send(
          frame(
              "broadcast",
              "channel",
              room,
              "payload",
              object("event", "cursor", "data", object("x", 3))));
      JsonObject toSocket = bob.expect("broadcast");
      assertEquals("cursor", payload(toSocket).getString("event"));
      assertEquals("ada", payload(toSocket).getString("from"));
      assertEquals(3, payload(toSocket).getJsonObject("data").getInt("x"));
    }
  }

  @Test
  void aSocketSeesALongPollSessionJoinPresenceAndLeaveWhenItGoesIdle() {
    String resource = "entity:Doc:" + UUID.randomUUID();
    try (WsClient watcher = socketAs("wendy")) {
      watcher.send(envelope("presence:join", null, object("resource", resource)));
      watcher.expect("subscribed");
      watcher.expect("presence:sync");

      Session ada = as("ada");
      ada.send(envelope("presence:join", null, object("resource", resource)));
      ada.expect("subscribed");
      JsonObject sync = ada.expect("presence:sync");
      assertTrue(
          payload(sync).getJsonArray("users").stream()
              .anyMatch(u -> u.asJsonObject().getString("id").equals("ada")),
          sync::toString);
      awaitPresence(watcher, "presence:join", "ada");

      // no more requests: the session goes idle, closes, and leaves as a dropped socket does
      long quiet = System.nanoTime();
      awaitPresence(watcher, "presence:leave", "ada");
      long afterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - quiet);
      assertTrue(afterMs < 10_000, "left after " + afterMs + " ms");
      HttpResponse<String> answer = ada.poll(ada.ack, 0);
      JsonObject last = Rest.body(answer, 200);
      assertEquals(1001, last.getJsonObject("closed").getInt("code"), last::toString);
    }
  }

  @Test
  void aPollRepeatedWithTheSameAckGetsTheSameFramesAgain() {
    try (Session ada = as("ada")) {
      long before = ada.ack;
      ada.send(ping("a"), ping("b"), ping("c"));
      JsonObject lost = Rest.body(ada.poll(before, 5000), 200);
      assertEquals(3, lost.getJsonArray("frames").size(), lost::toString);
      // that answer never reached the client: it polls again from the same number
      JsonObject again = Rest.body(ada.poll(before, 5000), 200);
      assertEquals(lost, again);
      List<String> ids = new ArrayList<>();
      for (JsonValue frame : again.getJsonArray("frames")) {
        ids.add(frame.asJsonObject().getString("requestId"));
      }
      assertEquals(List.of("a", "b", "c"), ids);
      // acknowledged, they are gone
      long last = again.getJsonNumber("last").longValue();
      JsonObject after = Rest.body(ada.poll(last, 0), 200);
      assertEquals(0, after.getJsonArray("frames").size(), after::toString);
    }
  }
}
