package io.syncline.testing;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A fresh, throwaway PostgreSQL server on 127.0.0.1, kept under {@code target/}: one class for the
 * integration tests and the benchmark (both compile {@code src/testkit/java}).
 */
public final class Postgres implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";
  private static final int MAX_SOCKET_PATH = 100;
  private static final int LOG_TAIL_CHARS = 20_000;

  private final EmbeddedPostgres server;
  private final String password;
  private final Path dataDir;
  private final Path logFile;
  private final Optional<ProcessHandle> postmaster;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Postgres(EmbeddedPostgres server, String password, Path dataDir, Path logFile) {
    this.server = server;
    this.password = password;
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.postmaster = postmaster(dataDir);
  }

  /**
   * Starts a new server in its own data directory and returns once it accepts connections.
   *
   * <p>PostgreSQL refuses to run as root; when the JVM is root, zonky runs initdb, pg_ctl and so
   * the server through {@code unshare -U}, in a user namespace where the process is not uid 0.
   */
  public static Postgres start() {
    return start(baseDirectory());
  }

  /** As {@link #start()}, with its data and log directories under {@code base}. */
  public static Postgres start(Path base) {
    if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
      throw new IllegalStateException(
          "Running as root, and `unshare -U` (util-linux) is not usable here: PostgreSQL refuses"
              + " to run as root, so run the tests as an ordinary user or install util-linux");
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    Path dataDir = base.resolve(id);
    Path logFile = base.resolve("logs").resolve(id + ".log");
    Path passwordFile = base.resolve("logs").resolve(id + ".pw");
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The builder reads its parent directory (where it also reaps stale data directories) from
    // this property when it is created; without it that is java.io.tmpdir/embedded-pg.
    if (System.getProperty("ot.epg.working-dir") == null) {
      System.setProperty("ot.epg.working-dir", base.toString());
    }
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setOverrideWorkingDirectory(base.toFile())
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(true)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("unix_socket_directories", socketDirectory(dataDir))
            // Independent of the developer's LANG/LC_*, which initdb would otherwise take.
            .setLocaleConfig("locale", "C")
            // initdb runs with "-A trust"; these come after it, so TCP logins need the password.
            .setLocaleConfig("auth-host", "scram-sha-256")
            .setLocaleConfig("pwfile", passwordFile.toString())
            .setConnectConfig("password", password)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));

    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "postgres-start-" + id);
              thread.setDaemon(true);
              return thread;
            });
    Future<EmbeddedPostgres> starting = executor.submit(builder::start);
    try {
      EmbeddedPostgres server = starting.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new Postgres(server, password, dataDir, logFile);
    } catch (TimeoutException e) {
      starting.cancel(true);
      throw failed("did not accept connections within " + START_TIMEOUT, dataDir, logFile, e);
    } catch (ExecutionException e) {
      throw failed("failed to start", dataDir, logFile, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      starting.cancel(true);
      throw failed("start interrupted", dataDir, logFile, e);
    } finally {
      executor.shutdownNow();
      try {
        Files.deleteIfExists(passwordFile);
      } catch (IOException ignored) {
        // Only a throwaway password under target/.
      }
    }
  }

  /** {@code jdbc:postgresql://127.0.0.1:port/postgres}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
  }

  /** The superuser's name. */
  public String user() {
    return USER;
  }

  /** The superuser's password, required for TCP connections. */
  public String password() {
    return password;
  }

  /** The TCP port on 127.0.0.1. */
  public int port() {
    return server.getPort();
  }

  /** Stops this server (pg_ctl stop -m fast, then its own postmaster if still alive). */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      // Falls through to stopping the postmaster directly.
    }
    postmaster.ifPresent(Postgres::stop);
    deleteRecursively(dataDir);
  }

  @Override
  public String toString() {
    return "Postgres[" + jdbcUrl() + ", data " + dataDir + ", log " + logFile + "]";
  }

  private static boolean isRoot() {
    try {
      return new UnixSystem().getUid() == 0;
    } catch (RuntimeException | LinkageError e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /**
   * {@code target/embedded-pg} of the build that compiled this class (the project's or bench's).
   */
  private static Path baseDirectory() {
    Path target;
    try {
      Path classes =
          Path.of(Postgres.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      target = classes.getParent();
    } catch (URISyntaxException | RuntimeException e) {
      target = Path.of("target");
    }
    if (target == null || !target.getFileName().toString().equals("target")) {
      target = Path.of("target");
    }
    return target.toAbsolutePath().normalize().resolve("embedded-pg");
  }

  /**
   * The data directory, single-quoted for the shell pg_ctl starts the server through; or none (TCP
   * only) when the socket's path would be too long or cannot be quoted.
   */
  private static String socketDirectory(Path dataDir) {
    String dir = dataDir.toString();
    boolean usable =
        (dir + "/.s.PGSQL.65535").getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH
            && !dir.contains("'");
    return usable ? "'" + dir + "'" : "''";
  }

  /** The server process that {@code dataDir/postmaster.pid} names, if it is a live postgres. */
  private static Optional<ProcessHandle> postmaster(Path dataDir) {
    try {
      List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
      if (lines.size() < 2 || !Path.of(lines.get(1).trim()).equals(dataDir)) {
        return Optional.empty();
      }
      return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
          .filter(
              process ->
                  process
                      .info()
                      .command()
                      .map(command -> command.endsWith("/postgres"))
                      .orElse(true));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void stop(ProcessHandle process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
    }
  }

  /** Stops what a failed start left: its initdb or pg_ctl, and a postmaster that came up. */
  private static IllegalStateException failed(
      String what, Path dataDir, Path logFile, Throwable cause) {
    String marker = dataDir.toString();
    ProcessHandle.current()
        .descendants()
        .filter(
            process ->
                process
                    .info()
                    .arguments()
                    .map(args -> List.of(args).contains(marker))
                    .orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
    postmaster(dataDir).ifPresent(Postgres::stop);
    deleteRecursively(dataDir);
    return new IllegalStateException(
        "PostgreSQL " + what + "; server log " + logFile + ":\n" + logTail(logFile), cause);
  }

  private static String logTail(Path logFile) {
    try {
      String log = Files.readString(logFile, StandardCharsets.UTF_8);
      return log.length() <= LOG_TAIL_CHARS
          ? log
          : "...\n" + log.substring(log.length() - LOG_TAIL_CHARS);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException ignored) {
                  // Best effort: target/ is cleaned by mvn clean anyway.
                }
              });
    } catch (IOException | UncheckedIOException ignored) {
      // Best effort, as above.
    }
  }
}
