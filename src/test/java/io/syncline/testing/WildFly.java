package io.syncline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the WAR on WildFly with {@code standalone.xml} as shipped, in a server base directory of
 * its own. The database is WildFly's default data source; for PostgreSQL the suite points that
 * default at it with the jboss-cli commands of docs/deploy.md before deploying the WAR.
 */
final class WildFly {

  private static final Duration STARTUP = Duration.ofMinutes(4);
  private static final int HTTP = 8080;
  private static final int MANAGEMENT = 9990;
  private static final int[] PORTS = {HTTP, 8443, MANAGEMENT, 9993, 4712, 4713, 8009};

  private WildFly() {}

  static ServerProcess start(String name, Database database, Map<String, String> settings) {
    Path home = Path.of(AppServer.property("syncline.it.wildfly"));
    Path base = AppServer.workDir("wildfly", name);
    int offset = freeOffset();
    Path log = base.resolve("console.log");
    Path deployments = base.resolve("deployments");
    try {
      copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
      Files.createDirectories(deployments);
      boolean configure = !(database instanceof Database.H2Memory);
      if (!configure) {
        deployWar(deployments);
      }
      List<String> command = new ArrayList<>();
      command.add(home.resolve("bin/standalone.sh").toString());
      command.add("-Djboss.server.base.dir=" + base);
      command.add("-Djboss.socket.binding.port-offset=" + offset);
      settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("JAVA_OPTS", "-Xmx768m -Djava.net.preferIPv4Stack=true");
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      ServerProcess server =
          new ServerProcess(builder.start(), HTTP + offset, log, "WildFly '" + name + "'");
      if (configure) {
        awaitBooted(log);
        cli(home, MANAGEMENT + offset, databaseCommands(database), base);
        deployWar(deployments);
      }
      server.awaitReady(
          STARTUP,
          () -> Files.exists(deployments.resolve("ROOT.war.deployed")),
          () -> Files.exists(deployments.resolve("ROOT.war.failed")));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start WildFly", e);
    }
  }

  /**
   * docs/deploy.md's commands: deploy the driver, add the data source, make it the default, reload.
   */
  private static List<String> databaseCommands(Database database) {
    if (!(database instanceof Database.PostgreSql postgres)) {
      throw new IllegalArgumentException(
          "WildFly runs the suite on H2 or PostgreSQL, not " + database);
    }
    return List.of(
        "deploy " + AppServer.property("syncline.it.postgresDriver") + " --name=postgresql.jar",
        "data-source add --name=SynclineDS --jndi-name=java:jboss/datasources/SynclineDS"
            + " --driver-name=postgresql.jar --connection-url="
            + postgres.server().jdbcUrl()
            + " --user-name="
            + postgres.server().user()
            + " --password="
            + postgres.server().password(),
        "/subsystem=ee/service=default-bindings:write-attribute(name=datasource,"
            + "value=java:jboss/datasources/SynclineDS)",
        "reload");
  }

  private static void cli(Path home, int port, List<String> commands, Path base)
      throws IOException {
    Path output = base.resolve("cli.log");
    Process cli =
        new ProcessBuilder(
                home.resolve("bin/jboss-cli.sh").toString(),
                "--connect",
                "--controller=127.0.0.1:" + port,
                "--commands=" + String.join(",", commands))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      if (!cli.waitFor(3, TimeUnit.MINUTES) || cli.exitValue() != 0) {
        cli.destroyForcibly();
        throw new IllegalStateException("jboss-cli failed:\n" + Files.readString(output));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the server has booted (its management interface is up). */
  private static void awaitBooted(Path log) {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (PayaraMicro.logContains(log, "WFLYSRV0025")
          || PayaraMicro.logContains(log, "WFLYSRV0026")) {
        return; // "started" or "started (with errors)"
      }
      try {
        Thread.sleep(250); // poll interval while the server boots
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("WildFly did not boot within " + STARTUP);
  }

  private static void deployWar(Path deployments) throws IOException {
    Files.copy(
        Path.of(AppServer.property("syncline.it.war")),
        deployments.resolve("ROOT.war"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** A port offset under which every port WildFly opens is free. */
  private static int freeOffset() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int offset = ThreadLocalRandom.current().nextInt(100, 20_000);
      boolean free = true;
      for (int port : PORTS) {
        free &= AppServer.portFree(port + offset);
      }
      if (free) {
        return offset;
      }
    }
    throw new IllegalStateException("no free port offset for WildFly");
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
}
