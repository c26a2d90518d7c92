package io.syncline.websocket;

import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.frame;
import static io.syncline.testing.Frames.ping;
import static io.syncline.testing.Frames.subscribe;
import static io.syncline.testing.Frames.subscribeAll;
import static io.syncline.testing.WsClient.assertPayload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.SuiteServer;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SuiteServer.class)
class SyncEndpointIT {

  private static WsClient connected() {
    WsClient client = WsClient.connect("/api/ws");
    client.expect("connection:established");
    return client;
  }

  @Test
  void openingAConnectionAnnouncesItsIdentityAndHeartbeat() {
    try (WsClient client = WsClient.connect("/api/ws")) {
      JsonObject payload = client.expect("connection:established").getJsonObject("payload");
      assertFalse(payload.getString("connectionId").isBlank());
      assertEquals("tester", payload.getString("userId"));
      assertEquals(
          SuiteServer.HEARTBEAT_INTERVAL_MS,
          payload.getJsonNumber("heartbeatInterval").longValue());
      assertEquals("1", payload.getString("protocolVersion"));
    }
  }

  @Test
  void subscribeAcceptsChannelChannelsAndEntitiesForms() {
    // the frames as the older clients write them, byte for byte: the forms are what is tested
    try (WsClient client = connected()) {
      client.send(
          "{\"type\":\"subscribe\",\"requestId\":\"a\",\"payload\":{\"channel\":\"schema:one\"}}");
      JsonObject one = client.expect("subscribed");
      assertEquals("a", one.getString("requestId"));
      assertPayload(one, "channel", "schema:one");

      client.send("{\"type\":\"subscribe\",\"channels\":[\"schema:two\",\"schema:crm\"]}");
      assertPayload(client.expect("subscribed"), "channel", "schema:two");
      assertPayload(client.expect("subscribed"), "channel", "schema:crm");

      client.send("{\"type\":\"subscribe\",\"entities\":[\"users\",\"posts\"]}");
      assertPayload(client.expect("subscribed"), "channel", "entity:users");
      assertPayload(client.expect("subscribed"), "channel", "entity:posts");

      client.send("{\"type\":\"unsubscribe\",\"requestId\":\"u\",\"entities\":[\"users\"]}");
      JsonObject left = client.expect("unsubscribed");
      assertEquals("u", left.getString("requestId"));
      assertPayload(left, "channel", "entity:users");
    }
  }

  @Test
  void anInvalidChannelNameIsRefusedAndNothingIsSubscribed() {
    try (WsClient client = connected()) {
      client.send(
          frame("subscribe", "requestId", "r9", "channels", array("component:ok", "bad channel!")));
      JsonObject error = client.expectError("bad_channel");
      assertEquals("r9", error.getString("requestId"));
      client.expectNone(Duration.ofMillis(300));
      client.send(subscribe("nokind"));
      client.expectError("bad_channel");
      client.send(subscribe("component:" + "x".repeat(200)));
      client.expectError("bad_channel");
    }
  }

  @Test
  void theSubscriptionCapRefusesTheWholeRequestAndKeepsTheRest() {
    try (WsClient client = connected()) {
      String[] channels = new String[SuiteServer.MAX_SUBSCRIPTIONS - 1];
      for (int i = 0; i < channels.length; i++) {
        channels[i] = "schema:c" + i;
      }
      client.send(subscribeAll(channels));
      for (int i = 0; i < SuiteServer.MAX_SUBSCRIPTIONS - 1; i++) {
        client.expect("subscribed");
      }
      client.send(
          frame("subscribe", "requestId", "over", "channels", array("schema:x", "schema:y")));
      JsonObject refused = client.expectError("limit_exceeded");
      assertEquals("over", refused.getString("requestId"));
      client.send(subscribe("schema:x"));
      assertPayload(client.expect("subscribed"), "channel", "schema:x");
      client.send(subscribe("schema:y"));
      client.expectError("limit_exceeded");
    }
  }

  @Test
  void pingIsAnsweredWithPongEchoingIds() {
    try (WsClient client = connected()) {
      long sent = System.currentTimeMillis();
      // raw: correlationId and an ISO timestamp beside the envelope are what is tested
      client.send(
          "{\"type\":\"ping\",\"requestId\":\"p1\",\"correlationId\":\"c1\",\"payload\":{\"sequenceNumber\":7,\"timestamp\":"
              + sent
              + "}}");
      JsonObject pong = client.expect("pong");
      long received = System.currentTimeMillis();
      assertEquals("p1", pong.getString("requestId"));
      assertEquals("c1", pong.getString("correlationId"));
      assertEquals(7, pong.getJsonObject("payload").getInt("sequenceNumber"));
      long latency = pong.getJsonObject("payload").getJsonNumber("latency").longValue();
      assertTrue(
          latency >= 0 && latency <= received - sent,
          "latency " + latency + " ms is within the round trip of " + (received - sent) + " ms");
      assertTrue(pong.getJsonNumber("timestamp").longValue() >= sent);

      client.send(
          "{\"type\":\"ping\",\"request_id\":\"p2\",\"timestamp\":\"2024-01-15T10:30:00Z\"}");
      JsonObject old = client.expect("pong");
      assertEquals("p2", old.getString("requestId"));
      long sinceThen =
          System.currentTimeMillis()
              - java.time.Instant.parse("2024-01-15T10:30:00Z").toEpochMilli();
      long oldLatency = old.getJsonObject("payload").getJsonNumber("latency").longValue();
      assertTrue(
          oldLatency > sinceThen - 60_000 && oldLatency <= sinceThen,
          "an ISO-8601 timestamp is read: latency " + oldLatency);
    }
  }

  @Test
  void badInputGetsACodedErrorAndTheConnectionStaysOpen() {
    // malformed on purpose, so written out raw
    try (WsClient client = connected()) {
      client.send("{not json");
      client.expectError("bad_json");
      client.send("[1,2]");
      client.expectError("bad_message");
      client.send("{\"requestId\":\"nt\"}");
      assertEquals("nt", client.expectError("bad_message").getString("requestId"));
      client.send("{\"type\":\"teleport\",\"requestId\":\"t\"}");
      JsonObject unknown = client.expectError("unknown_type");
      assertEquals("t", unknown.getString("requestId"));
      client.send(
          "{\"type\":\"broadcast\",\"requestId\":\"b\",\"payload\":{\"channel\":\"component:1\"}}");
      JsonObject missing = client.expectError("bad_message");
      assertTrue(
          missing.getJsonObject("payload").getString("message").contains("event"),
          missing::toString);
      client.send("{\"type\":\"subscribe\",\"channels\":\"component:1\"}");
      JsonObject wrong = client.expectError("bad_message");
      assertTrue(
          wrong.getJsonObject("payload").getString("message").contains("channels"),
          wrong::toString);

      client.send(ping("alive"));
      assertEquals("alive", client.expect("pong").getString("requestId"));
    }
  }

  @Test
  void deepNestingLongStringsAndLongArraysAreRefused() {
    // over the JSON limits on purpose, so written out raw
    try (WsClient client = connected()) {
      client.send("{\"type\":\"ping\",\"x\":" + "[".repeat(20) + "]".repeat(20) + "}");
      assertTrue(
          client
              .expectError("bad_message")
              .getJsonObject("payload")
              .getString("message")
              .contains("levels"));
      client.send("{\"type\":\"ping\",\"x\":\"" + "s".repeat(20_000) + "\"}");
      assertTrue(
          client
              .expectError("bad_message")
              .getJsonObject("payload")
              .getString("message")
              .contains("characters"));
      client.send("{\"type\":\"ping\",\"x\":[" + "1,".repeat(1500) + "1]}");
      assertTrue(
          client
              .expectError("bad_message")
              .getJsonObject("payload")
              .getString("message")
              .contains("elements"));
      client.send(ping("ok"));
      assertEquals("ok", client.expect("pong").getString("requestId"));
    }
  }

  @Test
  void aFrameOverTheSizeLimitIsRefusedAndClosedWith1009() {
    // oversized on purpose, so written out raw
    try (WsClient client = connected()) {
      client.send(
          "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(SuiteServer.MAX_FRAME_BYTES) + "\"}");
      client.expectError("too_large");
      assertEquals(1009, client.awaitClose());
    }
  }

  @Test
  void theFlatDialectSpeaksSnakeCaseWithoutAnEnvelope() {
    try (WsClient client = WsClient.connect("/api/ws?dialect=flat")) {
      JsonObject hello = client.expect("connection:established");
      assertFalse(hello.containsKey("payload"), hello::toString);
      assertEquals(
          SuiteServer.HEARTBEAT_INTERVAL_MS, hello.getJsonNumber("heartbeat_interval").longValue());
      assertTrue(hello.getString("timestamp").contains("T"), hello::toString);

      // raw: the flat dialect's snake_case spelling is what is tested
      client.send("{\"type\":\"subscribe\",\"request_id\":\"f1\",\"entities\":[\"users\"]}");
      JsonObject subscribed = client.expect("subscribed");
      assertEquals("f1", subscribed.getString("request_id"));
      assertEquals("entity:users", subscribed.getString("channel"));

      client.send("{\"type\":\"ping\",\"request_id\":\"f2\",\"sequence_number\":3}");
      JsonObject pong = client.expect("pong");
      assertEquals(3, pong.getInt("sequence_number"));

      client.send("{\"type\":\"nope\"}");
      JsonObject error = client.expect("error");
      assertEquals("unknown_type", error.getString("code"));
    }
  }

  @Test
  void aSilentConnectionIsClosedAfterTwoHeartbeatIntervals() {
    try (WsClient live = connected();
        WsClient silent = WsClient.silent("/api/ws")) {
      silent.expect("connection:established");
      assertEquals(4000, silent.awaitClose());
      live.send(ping("still-here"));
      assertEquals("still-here", live.expect("pong").getString("requestId"));
    }
  }
}
