package io.syncline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Server domain created as shipped ({@code asadmin create-domain}, on free ports),
 * Syncline deployed to it with {@code asadmin deploy}, and its settings given with {@code asadmin
 * set-config-property}: the way docs/deploy.md tells operators to do it.
 */
public final class PayaraServerDomain implements AutoCloseable {

  private static final Duration COMMAND_LIMIT = Duration.ofMinutes(4);

  private final Path asadmin;
  private final Path domainDir;
  private final int portBase;
  private final Path log;

  private PayaraServerDomain(Path asadmin, Path domainDir, int portBase) {
    this.asadmin = asadmin;
    this.domainDir = domainDir;
    this.portBase = portBase;
    this.log = domainDir.resolve("asadmin.log");
  }

  /** Creates and starts a domain, sets the settings, deploys the WAR at {@code /}. */
  public static PayaraServerDomain deploy(Map<String, String> settings) {
    Path home = Path.of(AppServer.property("syncline.it.payaraServer"));
    Path domainDir = AppServer.workDir("payara-server", "domain");
    PayaraServerDomain domain =
        new PayaraServerDomain(home.resolve("bin/asadmin"), domainDir, freePortBase());
    domain.run(
        "create-domain",
        "--nopassword",
        "--portbase",
        Integer.toString(domain.portBase),
        "--domaindir",
        domainDir.toString(),
        "syncline");
    domain.run("start-domain", "--domaindir", domainDir.toString(), "syncline");
    try {
      settings.forEach(
          (name, value) ->
              domain.admin(
                  "set-config-property",
                  "--source=domain",
                  "--propertyName=" + name,
                  "--propertyValue=" + value));
      domain.admin(
          "deploy",
          "--contextroot",
          "/",
          "--name",
          "syncline",
          AppServer.property("syncline.it.war"));
    } catch (RuntimeException e) {
      domain.close();
      throw e;
    }
    return domain;
  }

  /** {@code http://127.0.0.1:port} + path. */
  public java.net.URI http(String path) {
    return java.net.URI.create("http://127.0.0.1:" + (portBase + 80) + path);
  }

  /** {@code ws://127.0.0.1:port} + path. */
  public java.net.URI ws(String path) {
    return java.net.URI.create("ws://127.0.0.1:" + (portBase + 80) + path);
  }

  /** The domain's server log. */
  public Path serverLog() {
    return domainDir.resolve("syncline/logs/server.log");
  }

  private void admin(String... command) {
    List<String> all = new ArrayList<>(List.of("--port", Integer.toString(portBase + 48)));
    all.addAll(List.of(command));
    run(all.toArray(String[]::new));
  }

  private void run(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(asadmin.toString());
    command.addAll(List.of(arguments));
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().put("AS_JAVA", System.getProperty("java.home"));
      Process process = builder.start();
      if (!process.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("asadmin " + arguments[0] + " took over " + COMMAND_LIMIT);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "asadmin " + String.join(" ", arguments) + " failed:\n" + Files.readString(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A base under which the hundred ports a domain may open are free. */
  private static int freePortBase() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(200, 600) * 100;
      boolean free = true;
      for (int port = base; port < base + 100 && free; port++) {
        free = AppServer.portFree(port);
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no free port range for a Payara Server domain");
  }

  @Override
  public void close() {
    run("stop-domain", "--domaindir", domainDir.toString(), "syncline");
  }
}
