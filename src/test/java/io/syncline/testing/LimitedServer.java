package io.syncline.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A suite server with small rate limits, for the tests of those limits. Use with
 * {@code @ExtendWith(LimitedServer.class)} and reach it through {@link #server()}.
 */
public final class LimitedServer implements BeforeAllCallback {

  public static final int MESSAGES_PER_SECOND = 5;
  public static final int MESSAGE_BURST = 10;
  public static final int CHANNEL_BROADCASTS_PER_SECOND = 3;
  public static final int REST_BURST = 10;
  public static final int ROOM_MEMBERS = 2;
  public static final int ROOM_STATE_BYTES = 2000;
  public static final int ABUSE_THRESHOLD = 20;

  private static volatile ServerProcess running;

  @Override
  public void beforeAll(ExtensionContext context) {
    running =
        SuiteServer.once(
            context,
            LimitedServer.class,
            () ->
                SuiteServer.start(
                    "limits",
                    Database.H2_MEMORY,
                    Map.ofEntries(
                        Map.entry("syncline.rate.connection.per-second", "" + MESSAGES_PER_SECOND),
                        Map.entry("syncline.rate.connection.burst", "" + MESSAGE_BURST),
                        Map.entry(
                            "syncline.rate.channel-broadcast.per-second",
                            "" + CHANNEL_BROADCASTS_PER_SECOND),
                        Map.entry("syncline.rate.rest.per-second", "1"),
                        Map.entry("syncline.rate.rest.burst", "" + REST_BURST),
                        Map.entry("syncline.rate.abuse-threshold", "" + ABUSE_THRESHOLD),
                        Map.entry("syncline.heartbeat.interval-ms", "25000"),
                        Map.entry("syncline.presence.timeout-ms", "30000"),
                        Map.entry("syncline.rooms.max-members", "" + ROOM_MEMBERS),
                        Map.entry("syncline.rooms.max-state-bytes", "" + ROOM_STATE_BYTES))));
  }

  public static ServerProcess server() {
    return running;
  }
}
