package io.syncline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The application servers the suite runs the WAR on. Which one a run uses is the system property
 * {@code syncline.it.server} ({@code payara}, the default, or {@code wildfly}): one set of tests,
 * each server in its own Maven execution.
 */
public enum AppServer {
  PAYARA_MICRO {
    @Override
    ServerProcess start(String name, Database database, Map<String, String> settings) {
      return PayaraMicro.start(name, database, settings);
    }

    @Override
    public ServerProcess startStock() {
      return PayaraMicro.startStock();
    }
  },
  WILDFLY {
    @Override
    ServerProcess start(String name, Database database, Map<String, String> settings) {
      return WildFly.start(name, database, settings);
    }

    @Override
    public ServerProcess startStock() {
      return WildFly.start("stock", Database.H2_MEMORY, Map.of());
    }
  };

  private static final AtomicInteger STARTED = new AtomicInteger();

  /**
   * Starts the built WAR on this server with the given MicroProfile Config settings (system
   * properties) on {@code database}, and returns once the application answers.
   */
  abstract ServerProcess start(String name, Database database, Map<String, String> settings);

  /**
   * Deploys the WAR as a new user would: the server as shipped, the deploy command and nothing else
   * (no settings; only a free port, so that runs do not collide).
   */
  public abstract ServerProcess startStock();

  /** The server this run tests. */
  public static AppServer current() {
    String name = System.getProperty("syncline.it.server", "payara").toLowerCase(Locale.ROOT);
    return switch (name) {
      case "payara" -> PAYARA_MICRO;
      case "wildfly" -> WILDFLY;
      default -> throw new IllegalStateException("unknown syncline.it.server '" + name + "'");
    };
  }

  /**
   * An empty directory of its own under the run's work directory, for one server start (what an
   * earlier run left there is removed first: a stale deployment must never be served).
   */
  static Path workDir(String kind, String name) {
    Path dir =
        Path.of(property("syncline.it.workDir"))
            .resolve(kind + "-" + name + "-" + STARTED.incrementAndGet());
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> paths = Files.walk(dir)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(name + " is not set; run the ITs with mvn verify");
    }
    return value;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean portFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
