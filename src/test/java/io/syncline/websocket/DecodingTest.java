package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.Broadcast;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.FrameException;
import io.syncline.protocol.Inbound;
import io.syncline.protocol.Ping;
import io.syncline.protocol.SchemaGet;
import io.syncline.protocol.Subscribe;
import io.syncline.testing.Frames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The input tolerance and the error codes of PROTOCOL.md, at the decoder. */
class DecodingTest {

  private static Inbound envelope(String text) {
    return EnvelopeDecoder.INSTANCE.decode(text);
  }

  /** Refused input is written out raw in the tests: it is the malformed text under test. */
  private static FrameException refused(String text) {
    return assertThrows(FrameException.class, () -> envelope(text));
  }

  @Test
  void topLevelFieldsAreThePayloadWhenThereIsNone() {
    Inbound inbound = envelope(Frames.subscribe("entity:Task"));
    assertEquals(
        new Subscribe("entity:Task", null, null, null, null, null, null, null), inbound.message());
  }

  @Test
  void aClientsVersionAtTheTopLevelIsPartOfThePayload() {
    assertEquals(
        new SchemaGet("crm", 2L),
        envelope(Frames.frame("schema:get", "app", "crm", "version", 2)).message());
    assertEquals(
        new Subscribe("schema:crm", null, null, null, null, null, 4L, null),
        envelope(Frames.subscribe("schema:crm", "version", 4)).message());
  }

  @Test
  void seed003NamesChannelsAsResources() {
    Subscribe subscribe =
        (Subscribe)
            envelope(
                    Frames.envelope(
                        "subscribe",
                        null,
                        Frames.object(
                            "resources",
                            Frames.array("entity:Task", "component:7"),
                            "throttle",
                            50)))
                .message();
    assertEquals(List.of("entity:Task", "component:7"), subscribe.targets());
  }

  @Test
  void anEnvelopeChannelJoinsAPayloadThatLacksOne() {
    Inbound inbound =
        envelope(
            Frames.frame(
                "broadcast",
                "channel",
                "component:1",
                "payload",
                Frames.object("event", "typing")));
    assertEquals(new Broadcast("component:1", "typing", null), inbound.message());
  }

  @Test
  void requestIdMayBeSnakeCaseAndCorrelationIdIsKept() {
    Inbound inbound = envelope(Frames.frame("ping", "request_id", "r", "correlationId", "c"));
    assertEquals("r", inbound.ids().requestId());
    assertEquals("c", inbound.ids().correlationId());
  }

  @Test
  void timestampsMayBeIsoOrEpochMillis() {
    assertEquals(
        1705314600000L,
        envelope(Frames.frame("ping", "timestamp", "2024-01-15T10:30:00Z")).timestamp());
    assertEquals(
        1705314600000L, envelope(Frames.frame("ping", "timestamp", 1705314600000L)).timestamp());
    assertEquals(
        1705314600000L,
        envelope(
                Frames.envelope(
                    "ping",
                    null,
                    Frames.object("sequenceNumber", 1, "timestamp", "2024-01-15T10:30:00Z")))
            .timestamp());
    assertNull(envelope(Frames.ping(null)).timestamp());
    assertEquals(
        ErrorCode.BAD_MESSAGE, refused("{\"type\":\"ping\",\"timestamp\":\"yesterday\"}").code());
  }

  @Test
  void entitiesBecomeEntityChannels() {
    Subscribe subscribe =
        (Subscribe)
            envelope(Frames.frame("subscribe", "entities", Frames.array("users", "posts")))
                .message();
    assertEquals(List.of("entity:users", "entity:posts"), subscribe.targets());
  }

  @Test
  void malformedJsonIsBadJson() {
    assertEquals(ErrorCode.BAD_JSON, refused("{\"type\":").code());
  }

  @Test
  void aFrameThatIsNotAnObjectOrHasNoTypeIsBadMessage() {
    assertEquals(ErrorCode.BAD_MESSAGE, refused("[]").code());
    assertEquals(ErrorCode.BAD_MESSAGE, refused("\"ping\"").code());
    FrameException noType = refused("{\"requestId\":\"r\"}");
    assertEquals(ErrorCode.BAD_MESSAGE, noType.code());
    assertEquals("r", noType.ids().requestId());
    assertEquals(ErrorCode.BAD_MESSAGE, refused("{\"type\":5}").code());
  }

  @Test
  void anUnknownTypeIsUnknownTypeWithTheRequestIdKept() {
    FrameException e = refused("{\"type\":\"teleport\",\"requestId\":\"r\"}");
    assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
    assertEquals("r", e.ids().requestId());
  }

  @Test
  void missingAndWrongFieldsAreBadMessageNamingTheField() {
    FrameException missing = refused("{\"type\":\"broadcast\",\"channel\":\"component:1\"}");
    assertEquals(ErrorCode.BAD_MESSAGE, missing.code());
    assertTrue(missing.getMessage().contains("event"), missing.getMessage());

    FrameException nothing = refused("{\"type\":\"subscribe\"}");
    assertTrue(nothing.getMessage().contains("channel"), nothing.getMessage());

    FrameException wrong = refused("{\"type\":\"subscribe\",\"channels\":\"component:1\"}");
    assertEquals(ErrorCode.BAD_MESSAGE, wrong.code());
    assertTrue(wrong.getMessage().contains("channels"), wrong.getMessage());

    FrameException notNumber = refused("{\"type\":\"ping\",\"sequenceNumber\":\"seven\"}");
    assertTrue(notNumber.getMessage().contains("sequenceNumber"), notNumber.getMessage());

    FrameException payload = refused("{\"type\":\"ping\",\"payload\":[1]}");
    assertTrue(payload.getMessage().contains("payload"), payload.getMessage());
  }

  @Test
  void theFlatDialectReadsSnakeCaseFields() {
    Inbound inbound =
        FlatDecoder.INSTANCE.decode(Frames.frame("ping", "request_id", "r", "sequence_number", 5));
    assertEquals(new Ping(5L), inbound.message());
    assertEquals("r", inbound.ids().requestId());
  }
}
