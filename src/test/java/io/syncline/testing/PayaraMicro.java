package io.syncline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts the WAR on Payara Micro, single-node, with Syncline's settings as system properties. */
final class PayaraMicro {

  private static final Duration STARTUP = Duration.ofMinutes(4);

  private PayaraMicro() {}

  static ServerProcess start(String name, Database database, Map<String, String> settings) {
    return start(name, database, settings, List.of("--nohazelcast"), STARTUP);
  }

  /**
   * Starts the WAR with {@code clustering} as Payara Micro's clustering options ({@code
   * --nohazelcast} for one node alone, or {@code --clustermode …}).
   */
  static ServerProcess start(
      String name,
      Database database,
      Map<String, String> settings,
      List<String> clustering,
      Duration startup) {
    Path workDir = AppServer.workDir("payara", name);
    int port = AppServer.freePort();
    Path log = workDir.resolve("server.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    databaseSettings(database).forEach((key, value) -> command.add("-D" + key + "=" + value));
    settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(
        List.of(
            "-jar",
            AppServer.property("syncline.it.payara"),
            "--deploy",
            AppServer.property("syncline.it.war"),
            "--port",
            Integer.toString(port)));
    command.addAll(clustering);
    command.addAll(
        List.of(
            "--disablephonehome",
            "--rootdir",
            workDir.resolve("root").toString(),
            "--postbootcommandfile",
            Path.of(AppServer.property("syncline.it.serverConfig"), "post-boot-commands.asadmin")
                .toString()));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ServerProcess server = new ServerProcess(process, port, log, "Payara Micro '" + name + "'");
      server.awaitReady(
          startup, () -> logContains(log, "Deployed 1 archive"), () -> deployFailed(log));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Payara Micro", e);
    }
  }

  /** {@code java -jar payara-micro.jar --deploy syncline.war}, on a free port. */
  static ServerProcess startStock() {
    Path workDir = AppServer.workDir("payara", "stock");
    int port = AppServer.freePort();
    Path log = workDir.resolve("server.log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            AppServer.property("syncline.it.payara"),
            "--deploy",
            AppServer.property("syncline.it.war"),
            "--port",
            Integer.toString(port));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ServerProcess server = new ServerProcess(process, port, log, "stock Payara Micro");
      server.awaitReady(
          STARTUP, () -> logContains(log, "Deployed 1 archive"), () -> deployFailed(log));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Payara Micro", e);
    }
  }

  /** Payara reads the database from Syncline's {@code syncline.db.*} settings. */
  private static Map<String, String> databaseSettings(Database database) {
    if (database instanceof Database.H2File file) {
      return h2(file.jdbcUrl());
    }
    if (database instanceof Database.PostgreSql postgres) {
      return Map.of(
          "syncline.db.datasource-class", "org.postgresql.ds.PGSimpleDataSource",
          "syncline.db.url", postgres.server().jdbcUrl(),
          "syncline.db.user", postgres.server().user(),
          "syncline.db.password", postgres.server().password());
    }
    return h2("jdbc:h2:mem:syncline;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
  }

  private static Map<String, String> h2(String url) {
    return Map.of(
        "syncline.db.datasource-class", "org.h2.jdbcx.JdbcDataSource",
        "syncline.db.url", url,
        "syncline.db.user", "sa",
        "syncline.db.password", "sa");
  }

  private static boolean deployFailed(Path log) {
    return logContains(log, "Exception while loading the app")
        || logContains(log, "Exception while preparing the app")
        || logContains(log, "Exception while deploying");
  }

  static boolean logContains(Path log, String text) {
    try {
      return Files.exists(log)
          && new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1).contains(text);
    } catch (IOException e) {
      return false;
    }
  }
}
