package io.syncline.channel;

import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.broadcast;
import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.frame;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Frames.subscribe;
import static io.syncline.testing.WsClient.assertPayload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.RawSocketClient;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SuiteServer.class)
class FanOutIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String room() {
    return "entity:Room:" + UUID.randomUUID(); // a record channel: no room presence frames
  }

  private static HttpResponse<String> publish(String channel, String body) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(SuiteServer.http("/api/channels/" + channel + "/messages"))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + TestTokens.TESTER)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Publishes probes until {@code expected} subscribers receive one (the server finishes closing a
   * connection a moment after the client sees the close), at most 50 times; returns the last count.
   * The probes go to subscribers that tests no longer read.
   */
  private static int deliveredOnceSettled(String channel, int expected) {
    int delivered = -1;
    for (int attempt = 0; attempt < 50 && delivered != expected; attempt++) {
      delivered = json(publish(channel, frame("probe")).body()).getInt("delivered");
    }
    return delivered;
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void aBroadcastReachesTheOtherSubscribersButNotTheSender() {
    String room = room();
    try (WsClient alice = WsClient.subscribed("/api/ws", room);
        WsClient bob = WsClient.subscribed("/api/ws", room);
        WsClient flat = WsClient.subscribed("/api/ws?dialect=flat", room)) {
      alice.send(
          envelope(
              "broadcast",
              null,
              object("channel", room, "event", "typing", "data", object("field", "title"))));
      JsonObject relayed = bob.expect("broadcast");
      assertEquals(room, relayed.getString("channel"));
      assertPayload(relayed, "event", "typing");
      assertPayload(relayed, "from", "tester");
      assertEquals(
          "title", relayed.getJsonObject("payload").getJsonObject("data").getString("field"));
      assertTrue(relayed.getJsonObject("payload").containsKey("timestamp"));

      JsonObject flatRelay = flat.expect("broadcast");
      assertEquals("typing", flatRelay.getString("event"));
      assertEquals(room, flatRelay.getString("channel"));

      alice.expectNone(Duration.ofMillis(300));
    }
  }

  @Test
  void broadcastingToAChannelNotSubscribedIsForbidden() {
    try (WsClient client = WsClient.connect("/api/ws")) {
      client.expect("connection:established");
      client.send(frame("broadcast", "requestId", "x", "channel", room(), "event", "cursor"));
      assertEquals("x", client.expectError("forbidden").getString("requestId"));
    }
  }

  @Test
  void publishDeliversToEverySubscriberInItsDialect() {
    String room = room();
    try (WsClient envelope = WsClient.subscribed("/api/ws", room);
        WsClient flat = WsClient.subscribed("/api/ws?dialect=flat", room)) {
      HttpResponse<String> response =
          publish(
              room, envelope("dashboard:update", null, object("metric", "completed", "value", 24)));
      assertEquals(202, response.statusCode(), response.body());
      assertEquals(2, json(response.body()).getInt("delivered"));

      JsonObject frame = envelope.expect("dashboard:update");
      assertEquals(room, frame.getString("channel"));
      assertEquals(24, frame.getJsonObject("payload").getInt("value"));
      JsonObject flatFrame = flat.expect("dashboard:update");
      assertEquals("completed", flatFrame.getString("metric"));
    }
  }

  @Test
  void publishRefusesBadRequestsWithACode() {
    HttpResponse<String> badChannel = publish("nokind", frame("x"));
    assertEquals(400, badChannel.statusCode());
    assertEquals("bad_channel", json(badChannel.body()).getString("code"));

    HttpResponse<String> noType = publish(room(), object("payload", object()).toString());
    assertEquals(400, noType.statusCode());
    assertEquals("bad_message", json(noType.body()).getString("code"));
    assertTrue(json(noType.body()).getString("message").contains("type"), noType.body());

    HttpResponse<String> malformed = publish(room(), "{oops");
    assertEquals(400, malformed.statusCode());
    assertEquals("bad_json", json(malformed.body()).getString("code"));
  }

  @Test
  void closingAConnectionRemovesItsSubscriptions() {
    String room = room();
    try (WsClient leaving = WsClient.subscribed("/api/ws", room);
        WsClient staying = WsClient.subscribed("/api/ws", room)) {
      leaving.closeAndAwait();
      // the server may finish its close a moment after answering it: publish until it has
      assertEquals(1, deliveredOnceSettled(room, 1));
    }
  }

  @Test
  void aStalledClientIsDroppedWithoutDelayingAHealthyOne() {
    String room = room();
    int frames = 608; // a multiple of the rounds below
    String chunk = "d".repeat(15_000);
    JsonArray data = array(chunk, chunk, chunk); // 45 KB, within every JSON cap
    try (WsClient sender = WsClient.subscribed("/api/ws", room);
        WsClient healthy = WsClient.subscribed("/api/ws", room);
        RawSocketClient stalled =
            RawSocketClient.connect(
                SuiteServer.ws(WsClient.withToken("/api/ws", TestTokens.TESTER)))) {
      stalled.send(subscribe(room));
      // frames of one connection are handled in order: once "ready" is relayed, it is subscribed
      stalled.send(broadcast(room, "ready", null));
      assertPayload(healthy.expect("broadcast"), "event", "ready");
      assertPayload(sender.expect("broadcast"), "event", "ready");
      // In rounds the healthy client keeps up with (fewer frames than a send queue holds): only
      // the stalled one falls behind, by 27 MB in all, far more than socket buffers and its queue.
      int round = SuiteServer.SEND_QUEUE_FRAMES / 4;
      for (int start = 0; start < frames; start += round) {
        for (int i = start; i < start + round; i++) {
          sender.send(broadcast(room, "e" + i, data));
        }
        for (int i = start; i < start + round; i++) {
          assertPayload(healthy.expect("broadcast"), "event", "e" + i);
        }
      }
      // the stalled connection was dropped as a slow consumer; the others are still there
      assertEquals(2, deliveredOnceSettled(room, 2), "the stalled connection was not removed");
      // All the server sent it, now read: no more than the send window (characters a client has
      // not shown it read by answering a ping) and two sends, packed from the backlog, beyond it
      // (the one that passed the window, and the one held). Without the window the server's own
      // write queue took ever more of the backlog.
      long sent = dataBytesUntilClosed(stalled);
      long bound = WINDOW_CHARS + 2 * ONE_PACKED_SEND;
      assertTrue(
          sent <= bound,
          "the stalled client was sent "
              + sent
              + " bytes, more than the window and two sends ("
              + bound
              + ")");
    }
  }

  /** syncline.send.window-kb, as the suite's server runs (the default). */
  private static final long WINDOW_CHARS = 1024 * 1024;

  /** The most one packed send holds: 256K characters, plus the frame that passed that. */
  private static final long ONE_PACKED_SEND = 256 * 1024 + 64 * 1024;

  /** The payload bytes of the data frames a client is sent until the connection ends. */
  private static long dataBytesUntilClosed(RawSocketClient client) {
    long bytes = 0;
    while (true) {
      RawSocketClient.Frame frame;
      try {
        frame = client.readFrame();
      } catch (AssertionError ended) {
        if (ended.getCause() instanceof java.net.SocketTimeoutException) {
          throw ended;
        }
        return bytes; // closed, or reset, without a close frame
      }
      if (frame.opcode() == 8) {
        return bytes;
      }
      if (frame.opcode() < 8) {
        bytes += frame.payload().length;
      }
    }
  }
}
