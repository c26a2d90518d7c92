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
                    Map.of(
                        "syncline.rate.connection.per-second", "" + MESSAGES_PER_SECOND,
                        "syncline.rate.connection.burst", "" + MESSAGE_BURST,
                        "syncline.rate.channel-broadcast.per-second",
                            "" + CHANNEL_BROADCASTS_PER_SECOND,
                        "syncline.rate.rest.per-second", "1",
                        "syncline.rate.rest.burst", "" + REST_BURST,
                        "syncline.rate.abuse-threshold", "" + ABUSE_THRESHOLD,
                        "syncline.heartbeat.interval-ms", "25000",
                        "syncline.presence.timeout-ms", "30000")));
  }

  public static ServerProcess server() {
    return running;
  }
}
