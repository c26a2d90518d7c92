package io.syncline.websocket;

import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.syncline.testing.RawSocketClient;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that offers {@code permessage-deflate} (as every browser does): what the server as
 * shipped answers. Neither Payara's Tyrus (it has no deflate extension installed) nor WildFly's
 * Undertow (its {@code per-message-deflate} setting is off in {@code standalone.xml}) accepts the
 * offer, so the connection goes on uncompressed, and works (docs/protocol.md, "Compression").
 */
@ExtendWith(SuiteServer.class)
class PerMessageDeflateIT {

  @Test
  void anOfferOfPermessageDeflateIsDeclinedAndTheConnectionWorksUncompressed() {
    try (RawSocketClient client =
        RawSocketClient.connect(
            SuiteServer.ws(WsClient.withToken("/api/ws", TestTokens.TESTER)),
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
      assertNull(
          client.responseHeader("Sec-WebSocket-Extensions"), "the server negotiated an extension");
      RawSocketClient.Frame hello = client.readFrame();
      assertEquals(1, hello.opcode(), "a text frame");
      assertFalse(hello.compressed(), "RSV1 set on a connection without permessage-deflate");
      JsonObject frame = Json.createReader(new StringReader(hello.text())).readObject();
      assertEquals("connection:established", frame.getString("type"));

      client.send(envelope("ping", "p", object("sequenceNumber", 7)));
      RawSocketClient.Frame pong = client.readFrame();
      assertFalse(pong.compressed());
      JsonObject answer = Json.createReader(new StringReader(pong.text())).readObject();
      assertEquals("pong", answer.getString("type"));
      assertEquals("p", answer.getString("requestId"));
      assertEquals(7, answer.getJsonObject("payload").getInt("sequenceNumber"));
    }
  }
}
