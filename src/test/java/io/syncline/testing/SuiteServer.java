package io.syncline.testing;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the built WAR on the application server under test ({@link AppServer#current()}), once for
 * the whole test run, on a free port, on an in-memory database, and stops it when the run ends. Use
 * with {@code @ExtendWith(SuiteServer.class)}.
 */
public final class SuiteServer implements BeforeAllCallback {

  /** Settings the suite runs with: short enough that timeouts can be tested in seconds. */
  public static final long HEARTBEAT_INTERVAL_MS = 2000;

  public static final int SEND_QUEUE_FRAMES = 64;
  public static final int MAX_SUBSCRIPTIONS = 50;
  public static final int MAX_FRAME_BYTES = 65536;
  public static final int ABUSE_THRESHOLD = 200;

  private static volatile ServerProcess running;

  /** Rate limits high enough that only the limit tests' own server ever hits them. */
  public static final Map<String, String> GENEROUS_LIMITS =
      Map.of(
          "syncline.rate.connection.per-second", "100000",
          "syncline.rate.connection.burst", "100000",
          "syncline.rate.channel-broadcast.per-second", "100000",
          "syncline.rate.rest.per-second", "100000",
          "syncline.rate.rest.burst", "100000");

  /** What every suite server is configured with (MicroProfile Config, as system properties). */
  static final Map<String, String> SETTINGS =
      Map.ofEntries(
          Map.entry("syncline.heartbeat.interval-ms", Long.toString(HEARTBEAT_INTERVAL_MS)),
          Map.entry("syncline.send-queue.max-frames", Integer.toString(SEND_QUEUE_FRAMES)),
          Map.entry(
              "syncline.subscriptions.max-per-connection", Integer.toString(MAX_SUBSCRIPTIONS)),
          Map.entry("syncline.frame.max-bytes", Integer.toString(MAX_FRAME_BYTES)),
          Map.entry("syncline.rate.abuse-threshold", Integer.toString(ABUSE_THRESHOLD)),
          Map.entry("mp.jwt.verify.publickey", TestTokens.PUBLIC_KEY),
          Map.entry("mp.jwt.verify.issuer", TestTokens.ISSUER),
          Map.entry("syncline.auth.timeout-ms", "1500"),
          // under the heartbeat's 2 × 2000 ms, so an idle long-poll session is closed as idle
          // (1001)
          Map.entry("syncline.longpoll.idle-ms", "3000"),
          Map.entry("syncline.presence.timeout-ms", "6000"),
          Map.entry("syncline.policy.entity.Report.read", "viewer,editor"),
          Map.entry("syncline.policy.entity.Report.write", "editor"),
          Map.entry("syncline.policy.entity.Owned.owner-field", "owner"),
          Map.entry("syncline.origins.allowed", "http://portal.example.test"),
          Map.entry("syncline.conflicts.Note", "merge"),
          Map.entry("syncline.conflicts.Memo", "last-write-wins"),
          // a strategy that does not exist: a conflict on it is the server's failure (internal)
          Map.entry("syncline.conflicts.Misconfigured", "no-such-strategy"));

  @Override
  public void beforeAll(ExtensionContext context) {
    running =
        once(context, SuiteServer.class, () -> start("suite", Database.H2_MEMORY, GENEROUS_LIMITS));
  }

  /** The server kept under {@code key} for the whole run, started by the first suite asking. */
  static ServerProcess once(ExtensionContext context, Class<?> key, Supplier<ServerProcess> start) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(key, k -> start.get(), ServerProcess.class);
  }

  /** The suite server. */
  public static ServerProcess server() {
    return running;
  }

  /** {@code http://127.0.0.1:port} + path on the suite server. */
  public static URI http(String path) {
    return running.http(path);
  }

  /** {@code ws://127.0.0.1:port} + path on the suite server. */
  public static URI ws(String path) {
    return running.ws(path);
  }

  /**
   * Starts a server named {@code name} (for its log) on {@code database}, with the suite's settings
   * and {@code settings} over them.
   */
  public static ServerProcess start(String name, Database database, Map<String, String> settings) {
    return AppServer.current().start(name, database, merge(SETTINGS, settings));
  }

  public static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
    Map<String, String> all = new HashMap<>(first);
    all.putAll(second);
    return all;
  }
}
