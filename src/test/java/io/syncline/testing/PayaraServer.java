package io.syncline.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the built WAR on a real Payara Micro, once for the whole test run, on a free port, and
 * stops it when the run ends. Use with {@code @ExtendWith(PayaraServer.class)}.
 */
public final class PayaraServer implements BeforeAllCallback {

  /** Settings the suite runs with: short enough that timeouts can be tested in seconds. */
  public static final long HEARTBEAT_INTERVAL_MS = 2000;

  public static final int SEND_QUEUE_FRAMES = 64;
  public static final int MAX_SUBSCRIPTIONS = 50;
  public static final int MAX_FRAME_BYTES = 65536;

  private static final Duration STARTUP = Duration.ofMinutes(4);
  private static volatile Running running;

  /** The database every suite server uses unless told otherwise: H2 in memory. */
  public static final Map<String, String> H2 =
      Map.of(
          "syncline.db.datasource-class", "org.h2.jdbcx.JdbcDataSource",
          "syncline.db.url", "jdbc:h2:mem:syncline;DB_CLOSE_DELAY=-1",
          "syncline.db.user", "sa",
          "syncline.db.password", "sa");

  /** Rate limits high enough that only the limit tests' own server ever hits them. */
  static final Map<String, String> GENEROUS_LIMITS =
      Map.of(
          "syncline.rate.connection.per-second", "100000",
          "syncline.rate.connection.burst", "100000",
          "syncline.rate.channel-broadcast.per-second", "100000",
          "syncline.rate.rest.per-second", "100000",
          "syncline.rate.rest.burst", "100000");

  @Override
  public void beforeAll(ExtensionContext context) {
    running = once(context, PayaraServer.class, () -> start("h2", merge(H2, GENEROUS_LIMITS)));
  }

  /** The server kept under {@code key} for the whole run, started by the first suite asking. */
  static Running once(ExtensionContext context, Class<?> key, Supplier<Running> start) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(key, k -> start.get(), Running.class);
  }

  /** The H2-backed suite server. */
  public static Running server() {
    return running;
  }

  /** {@code http://127.0.0.1:port} + path on the H2-backed server. */
  public static URI http(String path) {
    return running.http(path);
  }

  /** {@code ws://127.0.0.1:port} + path on the H2-backed server. */
  public static URI ws(String path) {
    return running.ws(path);
  }

  /** Starts a server named {@code name} (for its log) with these extra system properties. */
  static Running start(String name, Map<String, String> properties) {
    Path workDir = Path.of(property("syncline.it.workDir"));
    try {
      Files.createDirectories(workDir);
      int port = freePort();
      Path log = workDir.resolve("payara-" + name + ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx768m");
      command.add("-Dsyncline.heartbeat.interval-ms=" + HEARTBEAT_INTERVAL_MS);
      command.add("-Dsyncline.send-queue.max-frames=" + SEND_QUEUE_FRAMES);
      command.add("-Dsyncline.subscriptions.max-per-connection=" + MAX_SUBSCRIPTIONS);
      command.add("-Dsyncline.frame.max-bytes=" + MAX_FRAME_BYTES);
      command.add("-Dmp.jwt.verify.publickey=" + TestTokens.PUBLIC_KEY);
      command.add("-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER);
      command.add("-Dsyncline.auth.timeout-ms=1500");
      command.add("-Dsyncline.presence.timeout-ms=6000");
      command.add("-Dsyncline.policy.entity.Report.read=viewer,editor");
      command.add("-Dsyncline.policy.entity.Report.write=editor");
      command.add("-Dsyncline.policy.entity.Owned.owner-field=owner");
      command.add("-Dsyncline.origins.allowed=http://portal.example.test");
      command.add("-Dsyncline.conflicts.Note=merge");
      command.add("-Dsyncline.conflicts.Memo=last-write-wins");
      properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
      command.addAll(
          List.of(
              "-jar",
              property("syncline.it.payara"),
              "--deploy",
              property("syncline.it.war"),
              "--port",
              Integer.toString(port),
              "--nohazelcast",
              "--disablephonehome",
              "--rootdir",
              workDir.resolve("root-" + port).toString(),
              "--postbootcommandfile",
              Path.of(property("syncline.it.serverConfig"), "post-boot-commands.asadmin")
                  .toString()));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Running server = new Running(process, port, log);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("could not start Payara Micro", e);
    }
  }

  static Map<String, String> merge(Map<String, String> first, Map<String, String> second) {
    Map<String, String> all = new java.util.HashMap<>(first);
    all.putAll(second);
    return all;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(name + " is not set; run the ITs with mvn verify");
    }
    return value;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** One started server; closing it ends the process (and only it). */
  public static final class Running implements ExtensionContext.Store.CloseableResource {
    final Process process;
    final int port;
    final Path log;

    Running(Process process, int port, Path log) {
      this.process = process;
      this.port = port;
      this.log = log;
    }

    /** {@code http://127.0.0.1:port} + path. */
    public URI http(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    /** {@code ws://127.0.0.1:port} + path. */
    public URI ws(String path) {
      return URI.create("ws://127.0.0.1:" + port + path);
    }

    void awaitReady() {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest probe =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
              .timeout(Duration.ofSeconds(5))
              .build();
      Instant deadline = Instant.now().plus(STARTUP);
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException("Payara Micro exited during startup:\n" + tail());
        }
        try {
          if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        try {
          process.waitFor(500, TimeUnit.MILLISECONDS); // poll interval while the server boots
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      close();
      throw new IllegalStateException(
          "Payara Micro was not ready within " + STARTUP + ":\n" + tail());
    }

    private String tail() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }

    @Override
    public void close() {
      if (!process.isAlive()) {
        return;
      }
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
