package io.syncline.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.syncline.config.SynclineConfig;
import io.syncline.protocol.CloseCode;
import io.syncline.protocol.FrameEncoder;
import io.syncline.security.Caller;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Heartbeat interval 2 s: a connection silent for over 4 s is closed, checked every second. */
class HeartbeatMonitorTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final ChannelManager manager = new ChannelManager();
  private final HeartbeatMonitor monitor =
      new HeartbeatMonitor(manager, new SynclineConfig(2000, 10, 65536, 16));
  private final FakeTransport socket = new FakeTransport();
  private final long start = System.nanoTime();
  private final Subscriber connection;

  HeartbeatMonitorTest() {
    FrameEncoder encoder = frame -> frame.message().type();
    connection = new Subscriber("c", new Caller("ann", Set.of(), null, null), encoder, socket, 4);
    connection.touch();
    manager.connected(connection);
  }

  @Test
  void aConnectionSilentForTwiceTheIntervalIsClosed() {
    for (int second = 1; second <= 4; second++) {
      monitor.sweep(start + second * SECOND);
      assertNull(socket.closedWith, "open after " + second + " s");
    }
    monitor.sweep(start + 5 * SECOND);
    assertEquals(CloseCode.HEARTBEAT_TIMEOUT, socket.closedWith);
  }

  @Test
  void afterTheServerStalledNobodyIsClosedForOneInterval() {
    monitor.sweep(start + SECOND);
    monitor.sweep(start + 12 * SECOND); // the server was frozen for 11 s
    assertNull(socket.closedWith, "its frames may be waiting unread");
    monitor.sweep(start + 12 * SECOND + 10_000); // a check right after (a scheduler catching up)
    monitor.sweep(start + 13 * SECOND);
    assertNull(socket.closedWith, "one interval (2 s) to be heard");
    monitor.sweep(start + 14 * SECOND + 1); // and still not heard
    assertEquals(CloseCode.HEARTBEAT_TIMEOUT, socket.closedWith);
  }

  @Test
  void aCloseStillWaitingForASendAfterTwiceTheIntervalIsMadeAtOnce() {
    socket.stalled = true; // a client that stopped reading: the send in flight never completes
    connection.deliver("a frame");
    connection.close(CloseCode.POLICY_VIOLATION, "token expired");
    monitor.sweep(start + 3 * SECOND);
    assertNull(socket.closedWith, "still within twice the interval");
    monitor.sweep(start + 5 * SECOND);
    assertEquals(
        CloseCode.POLICY_VIOLATION, socket.closedWith, "the close asked for, not a timeout");
  }
}
