package io.syncline.bench.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server the harness started: its process (ended by its pid when closed), its port, its log, and
 * readings of its CPU time and memory from {@code /proc}.
 */
public final class ServerProcess implements AutoCloseable {

  /** Each heap or generation in {@code GC.heap_info} (G1: one heap; Serial, Parallel: two). */
  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
  private static final long CLOCK_TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;
  private final boolean java;
  private final boolean heapResident;
  private volatile ProcessHandle jvm;

  ServerProcess(
      String name, Process process, int port, Path log, boolean java, boolean heapResident) {
    this.heapResident = heapResident;
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
    this.java = java;
    Runtime.getRuntime().addShutdownHook(new Thread(this::close));
  }

  public String name() {
    return name;
  }

  /**
   * The server's JVM: the process itself, or the JVM a launcher script (WildFly's {@code
   * standalone.sh}) started, found once; -1 once it has exited.
   */
  public long pid() {
    ProcessHandle jvm = jvm();
    return jvm.isAlive() ? jvm.pid() : -1;
  }

  private ProcessHandle jvm() {
    ProcessHandle found = jvm;
    if (found == null) {
      boolean launcher =
          java
              && !process.info().command().map(c -> c.endsWith("/java")).orElse(false)
              && !process.info().command().map(c -> c.endsWith("/taskset")).orElse(false);
      found =
          launcher
              ? process
                  .descendants()
                  .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                  .findFirst()
                  .orElse(null)
              : process.toHandle();
      if (found == null) {
        return process.toHandle(); // not started yet: look again next time
      }
      jvm = found;
    }
    return found;
  }

  public URI http() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public URI ws() {
    return URI.create("ws://127.0.0.1:" + port);
  }

  public Path log() {
    return log;
  }

  /** User plus system CPU time the process has spent, in nanoseconds. */
  public long cpuNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * CLOCK_TICK_NANOS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Milliseconds its JIT has spent compiling so far ({@link JitClock}); -1 for a server that is not
   * a JVM.
   */
  public long compileMillis() {
    return java ? JitClock.compileMillis(pid()) : -1;
  }

  /** Resident set size in bytes. */
  public long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return -1;
  }

  /**
   * Before a measured phase: a full GC ({@link #heapAfterGc}), then a wait (at most 10 s) for the
   * server to go idle, so that the phase starts with what earlier phases left tenured or swept, not
   * with a collection still owed for it (the state of connections just opened, copied by the first
   * young collections after they opened).
   */
  public void settle() throws InterruptedException {
    heapAfterGc();
    MachineLoad.awaitIdle(this, 0.2, 10_000);
  }

  /**
   * Runs a full GC and returns the heap in use, in bytes: {@code jcmd GC.run} for a JVM, the
   * peers' {@code /stats} (after {@code global.gc()}) for Node; -1 if it cannot tell.
   */
  public long heapAfterGc() {
    try {
      if (java) {
        run(List.of(jcmd(), Long.toString(pid()), "GC.run"));
        Matcher m = HEAP_USED.matcher(run(List.of(jcmd(), Long.toString(pid()), "GC.heap_info")));
        long used = -1;
        while (m.find()) {
          used = Math.max(used, 0) + Long.parseLong(m.group(1)) * 1024;
        }
        return used;
      }
      HttpResponse<String> stats =
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
              .send(
                  HttpRequest.newBuilder(http().resolve("/stats"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      Matcher m = Pattern.compile("\"heapUsed\":(\\d+)").matcher(stats.body());
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  /**
   * The value of an unlabelled metric (or the sum over its labels) from Syncline's {@code GET
   * /metrics}; NaN if the server has no such metric (the peers have no {@code /metrics}).
   */
  public double metric(String name) {
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
              .send(
                  HttpRequest.newBuilder(http().resolve("/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Double.NaN;
      }
      Matcher m =
          Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$")
              .matcher(response.body());
      double sum = Double.NaN;
      while (m.find()) {
        sum = (Double.isNaN(sum) ? 0 : sum) + Double.parseDouble(m.group(2));
      }
      return sum;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  /** Whether its heap is all resident from the start (a JVM started with AlwaysPreTouch). */
  public boolean heapResident() {
    return heapResident;
  }

  /** Writes the JVM's class histogram (what the heap holds) to {@code file}; nothing for Node. */
  public void classHistogram(Path file) {
    if (!java) {
      return;
    }
    try {
      Files.writeString(file, run(List.of(jcmd(), Long.toString(pid()), "GC.class_histogram")));
    } catch (IOException e) {
      // a missing histogram only loses detail
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The JDK's {@code jcmd}, for the server JVM (the same JDK runs both). */
  private static String jcmd() {
    return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
  }

  /** A heap dump of the live objects (after a full GC), for a JVM; nothing for Node. */
  public void heapDump(Path file) {
    if (!java) {
      return;
    }
    try {
      Files.deleteIfExists(file); // jcmd writes no dump over an existing file
      String out =
          run(
              List.of(
                  jcmd(), Long.toString(pid()), "GC.heap_dump", file.toAbsolutePath().toString()));
      if (!out.contains("Heap dump file created")) {
        System.out.println("  no heap dump: " + out.trim());
      }
    } catch (IOException e) {
      // a missing dump only loses detail
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** The last lines of its log, for error messages. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /**
   * Ends the process by its pid, and what it started (a launcher script's JVM too, even if the
   * script is gone), waiting for each to go; what is still there after 30 s is killed.
   */
  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(process.toHandle());
    if (jvm != null) {
      all.add(jvm);
    }
    process.descendants().forEach(all::add);
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try {
      for (ProcessHandle each : all) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          each.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      }
    } catch (TimeoutException | ExecutionException e) {
      // killed below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle each : all) {
      if (each.isAlive()) {
        each.destroyForcibly();
        each.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> each).join();
      }
    }
  }
}
