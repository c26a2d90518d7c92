package io.syncline.websocket;

import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.AppServer;
import io.syncline.testing.Database;
import io.syncline.testing.RawSocketClient;
import io.syncline.testing.ServerProcess;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that offers {@code permessage-deflate} (as every browser does) gets it, on Payara and on
 * WildFly as deployed (docs/protocol.md, "Compression"): the answer names it with no context
 * takeover either way, the server's frames come compressed (RSV1) and inflate to the right JSON,
 * and the client's compressed frames, whole or in fragments, are understood. A client that does not
 * offer it, an offer the server cannot honour, or a server with {@code
 * syncline.deflate.enabled=false}, gets plain frames.
 */
@ExtendWith(SuiteServer.class)
class PerMessageDeflateIT {

  private static final String OFFER =
      "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";

  /** A request id long and repetitive enough that its pong is compressed (over 256 bytes). */
  private static String longId(String prefix) {
    return prefix + "-" + "0123456789abcdef".repeat(25);
  }

  private static String ping(String requestId) {
    return envelope("ping", requestId, object("sequenceNumber", 7));
  }

  private static RawSocketClient connect(URI uri, String headers) {
    return RawSocketClient.connect(uri, headers);
  }

  private static URI socket(ServerProcess server) {
    return server.ws(WsClient.withToken("/api/ws", TestTokens.TESTER));
  }

  /** The next text frame (skipping control frames) and its JSON, inflated if it is compressed. */
  private static Read next(RawSocketClient client) {
    while (true) {
      RawSocketClient.Frame frame = client.readFrame();
      if (frame.opcode() != 1) {
        assertTrue(frame.opcode() >= 8, "a frame that is neither text nor control");
        assertFalse(frame.compressed(), "RSV1 on a control frame");
        continue;
      }
      String text = frame.compressed() ? frame.inflated() : frame.text();
      return new Read(frame, Json.createReader(new StringReader(text)).readObject(), text);
    }
  }

  private record Read(RawSocketClient.Frame frame, JsonObject json, String text) {}

  private static void assertPong(Read read, String requestId) {
    assertEquals("pong", read.json().getString("type"), read.text());
    assertEquals(requestId, read.json().getString("requestId"));
    assertEquals(7, read.json().getJsonObject("payload").getInt("sequenceNumber"));
  }

  @Test
  void anOfferIsAcceptedAndBothDirectionsAreCompressed() {
    try (RawSocketClient client = connect(socket(SuiteServer.server()), OFFER)) {
      String answer = client.responseHeader("Sec-WebSocket-Extensions");
      assertNotNull(answer, "the server did not negotiate permessage-deflate");
      assertTrue(answer.startsWith("permessage-deflate"), answer);
      assertTrue(answer.contains("server_no_context_takeover"), answer);
      assertTrue(answer.contains("client_no_context_takeover"), answer);
      assertEquals("connection:established", next(client).json().getString("type"));

      // a large server frame is compressed, shorter than its text, and inflates to the pong
      String id = longId("plain");
      client.send(ping(id));
      Read pong = next(client);
      assertTrue(
          pong.frame().compressed(), "a " + pong.text().length() + "-byte frame unsent compressed");
      assertTrue(
          pong.frame().payload().length < pong.text().getBytes(StandardCharsets.UTF_8).length,
          "compressed is not shorter");
      assertPong(pong, id);

      // a compressed client frame, whole and in three fragments, is understood
      String whole = longId("whole");
      client.sendCompressed(ping(whole), 1);
      assertPong(next(client), whole);
      String fragmented = longId("fragmented");
      client.sendCompressed(ping(fragmented), 3);
      assertPong(next(client), fragmented);

      // a small one: on Payara (Tyrus) frames under syncline.deflate.min-bytes go uncompressed;
      // on WildFly Undertow sets RSV1 before it sees a message, so every message is compressed
      client.sendCompressed(ping("s"), 1);
      Read small = next(client);
      assertPong(small, "s");
      assertEquals(
          AppServer.current() == AppServer.WILDFLY,
          small.frame().compressed(),
          "a " + small.text().length() + "-byte frame");
    }
  }

  @Test
  void aCompressedFrameThatDoesNotInflateEndsTheConnection() {
    try (RawSocketClient client = connect(socket(SuiteServer.server()), OFFER)) {
      assertNotNull(client.responseHeader("Sec-WebSocket-Extensions"));
      assertEquals("connection:established", next(client).json().getString("type"));
      // 0xff...: a deflate block of the reserved type 3, which no inflater reads
      client.sendMarkedCompressed(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
      client.send(ping("after"));
      RawSocketClient.Frame close = client.readUntilClosed(); // fails on the pong
      if (close != null) {
        int code = ((close.payload()[0] & 0xff) << 8) | (close.payload()[1] & 0xff);
        assertTrue(code == 1002 || code == 1007 || code == 1011, "close code " + code);
      }
    }
  }

  @Test
  void aClientThatDoesNotOfferItGetsPlainFrames() {
    try (RawSocketClient client = connect(socket(SuiteServer.server()), "")) {
      assertNull(client.responseHeader("Sec-WebSocket-Extensions"));
      assertPlainFrames(client);
    }
  }

  @Test
  void anOfferOfASmallerServerWindowIsDeclined() {
    // Java's deflater always uses a 15-bit window, so this offer cannot be honoured
    try (RawSocketClient client =
        connect(
            socket(SuiteServer.server()),
            "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10\r\n")) {
      assertNull(client.responseHeader("Sec-WebSocket-Extensions"));
      assertPlainFrames(client);
    }
  }

  @Test
  void withDeflateSwitchedOffAnOfferIsDeclined() {
    try (ServerProcess server =
            SuiteServer.start(
                "no-deflate",
                Database.H2_MEMORY,
                SuiteServer.merge(
                    SuiteServer.GENEROUS_LIMITS, Map.of("syncline.deflate.enabled", "false")));
        RawSocketClient client = connect(socket(server), OFFER)) {
      assertNull(client.responseHeader("Sec-WebSocket-Extensions"));
      assertPlainFrames(client);
    }
  }

  private static void assertPlainFrames(RawSocketClient client) {
    Read hello = next(client);
    assertFalse(hello.frame().compressed(), "RSV1 set on a connection without permessage-deflate");
    assertEquals("connection:established", hello.json().getString("type"));
    String id = longId("plain");
    client.send(ping(id));
    Read pong = next(client);
    assertFalse(pong.frame().compressed(), "RSV1 set on a connection without permessage-deflate");
    assertPong(pong, id);
  }
}
