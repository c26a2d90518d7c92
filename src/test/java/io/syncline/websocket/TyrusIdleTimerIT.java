package io.syncline.websocket;

import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.syncline.testing.AppServer;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.WsClient;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On Payara the deployed WAR takes the per-frame idle-timer task out of Tyrus's container as it
 * starts ({@link TyrusIdleTimer}), and sockets work as before; WildFly has no Tyrus, so nothing is
 * replaced there.
 */
@ExtendWith(SuiteServer.class)
class TyrusIdleTimerIT {

  @Test
  void tyrusIdleTimerIsReplacedOnPayaraAndSocketsStillAnswer() throws Exception {
    try (WsClient client = WsClient.connect("/api/ws")) {
      client.expect("connection:established");
      for (int i = 1; i <= 20; i++) {
        client.send(envelope("ping", "p" + i, object("sequenceNumber", i)));
        assertEquals(i, client.expect("pong").getJsonObject("payload").getInt("sequenceNumber"));
      }
    }
    String log = Files.readString(SuiteServer.server().log());
    assertEquals(
        AppServer.current() == AppServer.PAYARA_MICRO, log.contains(TyrusIdleTimer.REPLACED));
    assertFalse(log.contains(TyrusIdleTimer.NOT_REPLACED));
  }
}
