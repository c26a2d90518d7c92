package io.syncline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One application server process started by the suite; closing it ends it (and only it). */
public final class ServerProcess
    implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;
  private final String description;

  ServerProcess(Process process, int port, Path log, String description) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.description = description;
    Runtime.getRuntime().addShutdownHook(new Thread(this::close));
  }

  /** {@code http://127.0.0.1:port} + path. */
  public URI http(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** {@code ws://127.0.0.1:port} + path. */
  public URI ws(String path) {
    return URI.create("ws://127.0.0.1:" + port + path);
  }

  /** The server process's id. */
  public long pid() {
    return process.pid();
  }

  /** The server's log file. */
  public Path log() {
    return log;
  }

  /** Ends the server at once with SIGKILL, as a crash would, and waits until it is gone. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(description + " did not die within 30 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Freezes the server's process with SIGSTOP, as a machine that stops answering would (its sockets
   * stay open, nothing is read from them); {@link #resume} lets it run on.
   */
  public void suspend() {
    signal("STOP");
  }

  /** Lets a {@link #suspend}ed server run on (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until {@code deployed} says the application is in, then until {@code /index.html} answers
   * 200; fails with the log's tail if the process exits or {@code failed} says so first.
   */
  void awaitReady(Duration timeout, BooleanSupplier deployed, BooleanSupplier failed) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(http("/index.html")).timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(description + " exited during startup:\n" + tail());
      }
      if (failed.getAsBoolean()) {
        close();
        throw new IllegalStateException(description + ": the deployment failed:\n" + tail());
      }
      if (deployed.getAsBoolean()) {
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
        description + " was not ready within " + timeout + ":\n" + tail());
  }

  /** The last 80 lines of the log. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
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
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return description + " on port " + port;
  }
}
