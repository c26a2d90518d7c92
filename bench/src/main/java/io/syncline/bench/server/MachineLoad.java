package io.syncline.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time the whole machine spent busy ({@code /proc/stat}) minus what the servers under test and
 * the harness itself spent: the load of other processes during a measured phase, which makes its
 * figures unreliable.
 */
public final class MachineLoad {

  private static final long CLOCK_TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

  /** Another process's CPU above this many cores during a phase contaminates it. */
  public static final double CONTAMINATED_CORES = 0.25;

  /** The share of its cores at or above which the load generator was saturated. */
  public static final double GENERATOR_BOUND_SHARE = 0.9;

  private final List<ServerProcess> servers;
  private final long busy0;
  private final long servers0;
  private final long self0;
  private final long t0 = System.nanoTime();

  private MachineLoad(List<ServerProcess> servers) {
    this.servers = servers;
    this.busy0 = busyNanos();
    this.servers0 = serverNanos();
    this.self0 = selfNanos();
  }

  /** Starts measuring. */
  public static MachineLoad start(List<ServerProcess> servers) {
    return new MachineLoad(servers);
  }

  /**
   * Cores' worth of CPU that processes other than the servers and this harness used since the
   * start (0 if {@code /proc} cannot tell).
   */
  public double otherCores() {
    long busy = busyNanos();
    if (busy < 0 || busy0 < 0) {
      return 0;
    }
    long other = (busy - busy0) - (serverNanos() - servers0) - (selfNanos() - self0);
    return Math.max(0, other / (double) (System.nanoTime() - t0));
  }

  /**
   * Cores' worth of CPU this harness (the load generator) used since the start. Near all of the
   * cores it runs on ({@link #generatorBound}), what a phase measured was partly the generator's
   * own queueing, not the server's.
   */
  public double harnessCores() {
    return Math.max(0, (selfNanos() - self0) / (double) (System.nanoTime() - t0));
  }

  /**
   * Whether the harness, having used {@code cores}, was saturated: at or above {@link
   * #GENERATOR_BOUND_SHARE} of the cores it runs on (it pins itself to half the machine).
   */
  public static boolean generatorBound(double cores) {
    return cores >= GENERATOR_BOUND_SHARE * Runtime.getRuntime().availableProcessors();
  }

  /**
   * Waits (at most {@code maxMillis}) until {@code server} uses less than {@code cores} of CPU over
   * half a second: what an earlier scenario left it doing (closing thousands of sockets, presence
   * leaves) is then done. Returns the milliseconds waited.
   */
  public static long awaitIdle(ServerProcess server, double cores, long maxMillis)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + maxMillis * 1_000_000L;
    while (System.nanoTime() < deadline) {
      long cpu0 = server.cpuNanos();
      long t0 = System.nanoTime();
      Thread.sleep(500);
      long used = server.cpuNanos() - cpu0;
      if (cpu0 < 0 || used < cores * (System.nanoTime() - t0)) {
        break;
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private long serverNanos() {
    long sum = 0;
    for (ServerProcess s : servers) {
      sum += Math.max(0, s.cpuNanos());
    }
    return sum;
  }

  /** user + nice + system + irq + softirq + steal of all CPUs. */
  private static long busyNanos() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      return busy * CLOCK_TICK_NANOS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long selfNanos() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * CLOCK_TICK_NANOS;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
