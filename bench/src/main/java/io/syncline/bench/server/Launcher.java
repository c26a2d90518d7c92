package io.syncline.bench.server;

import io.syncline.testing.Frames;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** Starts the servers under test on 127.0.0.1, each on a free port and on the server cores. */
public final class Launcher {

  private static final Duration STARTUP = Duration.ofMinutes(4);

  /** The settings the suite runs Syncline with: limits raised so they never throttle the load. */
  public static final Map<String, String> SYNCLINE_SETTINGS = syncline();

  private final Env env;

  public Launcher(Env env) {
    this.env = env;
  }

  private static Map<String, String> syncline() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("syncline.heartbeat.interval-ms", "3600000");
    p.put("syncline.rate.connection.per-second", "1000000");
    p.put("syncline.rate.connection.burst", "1000000");
    p.put("syncline.rate.channel-broadcast.per-second", "1000000");
    p.put("syncline.rate.rest.per-second", "1000000");
    p.put("syncline.rate.rest.burst", "1000000");
    p.put("syncline.rate.abuse-threshold", "1000000");
    p.put("syncline.send-queue.max-frames", "4096");
    // every scenario's subscribers share one component room, whose default cap is 10,000 members
    p.put("syncline.rooms.max-members", "100000");
    p.put("syncline.sync.page-size", "2000");
    p.put("syncline.auth.dev-mode", "true");
    return p;
  }

  /**
   * An in-memory H2 database: for the nodes of a cluster, each with its own (relays cross through
   * Hazelcast, not the database), where one file could not be opened by two processes.
   */
  public static Map<String, String> h2() {
    return Map.of(
        "syncline.db.datasource-class", "org.h2.jdbcx.JdbcDataSource",
        "syncline.db.url", "jdbc:h2:mem:syncline;DB_CLOSE_DELAY=-1",
        "syncline.db.user", "sa",
        "syncline.db.password", "sa");
  }

  /**
   * The H2 database the README's run command uses, an H2 file written at every commit
   * ({@code WRITE_DELAY=0}, as {@code ConfiguredDataSource}'s default), here a new one under the
   * run's folder: {@code h2-NAME/}, the last run's deleted first.
   */
  public Map<String, String> h2File(String name) throws IOException {
    Path dir = env.workDir().resolve("h2-" + name);
    deleteTree(dir);
    Files.createDirectories(dir);
    return Map.of(
        "syncline.db.datasource-class", "org.h2.jdbcx.JdbcDataSource",
        "syncline.db.url",
        "jdbc:h2:" + dir.resolve("syncline") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000",
        "syncline.db.user", "sa",
        "syncline.db.password", "sa");
  }

  /** The WAR on Payara Micro with the suite's settings plus {@code database}. */
  public ServerProcess syncline(String name, Map<String, String> database) throws IOException {
    return syncline(name, database, List.of("--nohazelcast"));
  }

  /**
   * {@code count} Syncline nodes in one Hazelcast cluster on 127.0.0.1 (as docs/cluster.md starts
   * them), each with {@code database} (an in-memory H2 per node does for fan-out: relays cross
   * through Hazelcast, not the database). Started one after the other; all are stopped if one fails.
   */
  public List<ServerProcess> synclineCluster(String name, Map<String, String> database, int count)
      throws IOException {
    int base = freePort() + 2;
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < count; i++) {
      members.append(i == 0 ? "" : ",").append("127.0.0.1:").append(base + i);
    }
    String clusterName = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    List<ServerProcess> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        nodes.add(
            syncline(
                name + "-" + (char) ('a' + i),
                database,
                List.of(
                    "--clustermode",
                    "tcpip:" + members,
                    "--interfaces",
                    "127.0.0.1",
                    "--startport",
                    Integer.toString(base + i),
                    "--clustername",
                    clusterName)));
      }
      return nodes;
    } catch (IOException | RuntimeException e) {
      nodes.forEach(ServerProcess::close);
      throw e;
    }
  }

  private ServerProcess syncline(String name, Map<String, String> database, List<String> cluster)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The whole heap is resident from the start, so what idle connections add to the RSS is what
    // they cost outside the heap; their heap cost is read after a full GC.
    command.add("-Xms2g");
    command.add("-Xmx2g");
    command.add("-XX:+AlwaysPreTouch");
    command.addAll(extraJvmOptions());
    if (System.getenv("BENCH_JFR") != null) {
      // Profiling: bench/target/run/syncline-NAME.jfr, read with `jfr print` or JDK Mission Control
      command.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + env.workDir().resolve("syncline-" + name + ".jfr"));
    }
    SYNCLINE_SETTINGS.forEach((k, v) -> command.add("-D" + k + "=" + v));
    database.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.addAll(
        List.of(
            "-jar",
            env.payara().toString(),
            "--deploy",
            env.war().toString(),
            "--port",
            Integer.toString(port),
            "--disablephonehome",
            "--rootdir",
            env.workDir().resolve("payara-" + name + "-" + port).toString(),
            "--postbootcommandfile",
            env.serverConfig().resolve("post-boot-commands.asadmin").toString()));
    command.addAll(cluster);
    ServerProcess server = start(name, command, port, true, true);
    awaitHttp(server, "/index.html");
    return server;
  }

  /**
   * The WAR on WildFly (standalone.xml as shipped, its default H2 data source) with the suite's
   * settings, deployed as {@code ROOT.war} in a server base directory of its own, the same heap as
   * on Payara Micro.
   */
  public ServerProcess synclineOnWildFly(String name) throws IOException {
    Path home = env.wildfly();
    if (!Files.isDirectory(home.resolve("modules"))) {
      throw new IllegalStateException(
          home + " is not an unpacked WildFly: set BENCH_WILDFLY, or run `mvn verify` once");
    }
    int offset = freeOffset();
    Path base = env.workDir().resolve("wildfly-" + name);
    deleteTree(base); // the last run's
    copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
    Path deployments = Files.createDirectories(base.resolve("deployments"));
    Files.copy(env.war(), deployments.resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/standalone.sh").toString());
    command.add("-Djboss.server.base.dir=" + base);
    command.add("-Djboss.socket.binding.port-offset=" + offset);
    SYNCLINE_SETTINGS.forEach((k, v) -> command.add("-D" + k + "=" + v));
    StringBuilder javaOpts =
        new StringBuilder("-Xms2g -Xmx2g -XX:+AlwaysPreTouch -Djava.net.preferIPv4Stack=true");
    extraJvmOptions().forEach(o -> javaOpts.append(' ').append(o));
    if (System.getenv("BENCH_JFR") != null) {
      javaOpts
          .append(" -XX:StartFlightRecording=settings=profile,filename=")
          .append(env.workDir().resolve("syncline-" + name + ".jfr"));
    }
    ServerProcess server =
        start(
            name,
            command,
            WILDFLY_HTTP + offset,
            true,
            true,
            Map.of(
                "JAVA_OPTS",
                javaOpts.toString(),
                "JAVA_HOME",
                System.getProperty("java.home"),
                // the script then passes a SIGTERM on to the JVM and waits for it
                "LAUNCH_JBOSS_IN_BACKGROUND",
                "true"));
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!Files.exists(deployments.resolve("ROOT.war.deployed"))) {
      if (Files.exists(deployments.resolve("ROOT.war.failed"))
          || !server.alive()
          || System.nanoTime() > deadline) {
        server.close();
        throw new IllegalStateException(name + " did not deploy the WAR:\n" + server.tail());
      }
      sleep(300);
    }
    awaitHttp(server, "/index.html");
    return server;
  }

  private static final int WILDFLY_HTTP = 8080;
  private static final int[] WILDFLY_PORTS = {WILDFLY_HTTP, 8443, 9990, 9993, 4712, 4713, 8009};

  /** A port offset under which every port WildFly opens is free. */
  private static int freeOffset() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int offset = ThreadLocalRandom.current().nextInt(100, 20_000);
      boolean free = true;
      for (int port : WILDFLY_PORTS) {
        try (ServerSocket socket = new ServerSocket(port + offset)) {
          // free
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return offset;
      }
    }
    throw new IOException("no free port offset for WildFly");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path each : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(each);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** A Node peer from {@code bench/peers}: {@code ws-server.js} or {@code socketio-server.js}. */
  public ServerProcess peer(String name, String script) throws IOException {
    int port = freePort();
    List<String> command =
        List.of(
            "node", "--expose-gc", env.peers().resolve(script).toString(), Integer.toString(port));
    ServerProcess server = start(name, command, port, false, false);
    awaitHttp(server, "/stats");
    return server;
  }

  /** The trivial fan-out server that measures the load generator's own ceiling. */
  public ServerProcess trivial() throws IOException {
    int port = freePort();
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g",
            "-cp",
            env.classpath(),
            TrivialServer.class.getName(),
            Integer.toString(port));
    ServerProcess server = start("trivial", command, port, true, false);
    awaitPort(server);
    return server;
  }

  private ServerProcess start(
      String name, List<String> command, int port, boolean java, boolean heapResident)
      throws IOException {
    return start(name, command, port, java, heapResident, Map.of());
  }

  private ServerProcess start(
      String name,
      List<String> command,
      int port,
      boolean java,
      boolean heapResident,
      Map<String, String> environment)
      throws IOException {
    Files.createDirectories(env.workDir());
    Path log = env.workDir().resolve(name + "-" + port + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(env.cores().onServerCores(command))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(environment);
    Process process = builder.start();
    return new ServerProcess(name, process, port, log, java, heapResident);
  }

  private static void awaitHttp(ServerProcess server, String path) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(server.http().resolve(path)).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.alive()) {
        throw new IllegalStateException(server.name() + " exited at startup:\n" + server.tail());
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleep(300);
    }
    server.close();
    throw new IllegalStateException(server.name() + " did not start:\n" + server.tail());
  }

  private static void awaitPort(ServerProcess server) {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline && server.alive()) {
      try (Socket s = new Socket("127.0.0.1", server.ws().getPort())) {
        return;
      } catch (IOException e) {
        sleep(200);
      }
    }
    server.close();
    throw new IllegalStateException(server.name() + " did not start:\n" + server.tail());
  }

  /** Mints a development token on a Syncline server. */
  public static String token(ServerProcess server, String user, String... roles)
      throws IOException, InterruptedException {
    String body = Frames.object("user", user, "roles", Frames.array((Object[]) roles)).toString();
    HttpResponse<String> response =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
            .send(
                HttpRequest.newBuilder(server.http().resolve("/api/dev/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    int at = text.indexOf("\"token\":\"");
    if (response.statusCode() != 200 || at < 0) {
      throw new IllegalStateException("no token: " + response.statusCode() + " " + text);
    }
    return text.substring(at + 9, text.indexOf('"', at + 9));
  }

  /** Posts JSON to a Syncline server; returns the status. */
  public static int post(URI uri, String token, String json)
      throws IOException, InterruptedException {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(
            HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Extra options for the server's JVM, for experiments: BENCH_SERVER_JVM, split at spaces. */
  private static List<String> extraJvmOptions() {
    String options = System.getenv("BENCH_SERVER_JVM");
    return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
  }
}
