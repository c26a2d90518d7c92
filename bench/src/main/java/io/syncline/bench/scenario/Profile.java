package io.syncline.bench.scenario;

import java.util.List;

/**
 * Counts and times of one suite: {@code smoke} (in the build, a few minutes), {@code full}, or
 * {@code soak} (the churning soak only, 30 minutes by default).
 */
public record Profile(
    String name,
    List<Integer> fanOutSubscribers,
    List<Integer> ladder,
    long stepMillis,
    long drainMillis,
    long warmupMillis,
    int connectConcurrency,
    int messageBytes,
    int commitSubscribers,
    int commitRate,
    long commitMillis,
    int idleConnections,
    int catchUpChanges,
    int pushConnections,
    int pushWindow,
    long pushMillis,
    boolean postgres,
    Storm storm,
    Slow slow,
    Soak soak) {

  /**
   * A warm-up that waits for the server's JIT ({@link JitWatch}) goes on for at most this many times
   * {@link #warmupMillis} after it: in {@code full}, 90 s. In the push scenario the JIT took about
   * 60 s; on an H2 in memory (WildFly's default data source) each push also adds about 2 KB to the
   * heap, which a much longer warm-up would fill.
   */
  public static final int JIT_WARM_UP_LIMIT = 6;

  /**
   * The connection storm: {@code connections} clients, at most {@code concurrency} connecting at
   * once, all within {@code timeoutMillis}; measured after {@code warmUps} storms of the same size.
   */
  public record Storm(int connections, int concurrency, long timeoutMillis, int warmUps) {}

  /**
   * The slow consumer: fan-out to {@code subscribers} at {@code deliveriesPerSec}, measured for
   * {@code millis} without and with one stalled subscriber (whose receive buffer is {@code
   * receiveBuffer} bytes); after the measured stall, publishing goes on (unmeasured) until the
   * server closes the stalled one or {@code maxStallMillis} of stall have passed.
   */
  public record Slow(
      int subscribers, int deliveriesPerSec, long millis, long maxStallMillis, int receiveBuffer) {}

  /**
   * The soak: {@code connections} clients churning for {@code millis} (each lives a random time
   * between {@code minLifeMillis} and {@code maxLifeMillis}, then is replaced at once, at most
   * {@code concurrency} connecting at once), {@code messagesPerSec} broadcasts to all, a sample
   * every {@code sampleMillis}.
   */
  public record Soak(
      int connections,
      long millis,
      double messagesPerSec,
      long sampleMillis,
      long minLifeMillis,
      long maxLifeMillis,
      int concurrency) {}

  private static final Soak SOAK = new Soak(5000, 30 * 60_000L, 1, 30_000, 10_000, 60_000, 200);

  /** The standard suite of the issue. */
  public static Profile full() {
    return new Profile(
        "full",
        List.of(1000, 5000),
        List.of(
            10_000, 20_000, 40_000, 60_000, 80_000, 120_000, 160_000, 200_000, 250_000, 300_000,
            400_000, 500_000, 600_000, 800_000, 1_000_000, 1_250_000, 1_500_000, 1_750_000,
            2_000_000),
        5000,
        5000,
        15_000,
        200,
        100,
        1000,
        100,
        10_000,
        20_000,
        100_000,
        16,
        16,
        10_000,
        true,
        new Storm(5000, 500, 180_000, 8),
        new Slow(1000, 20_000, 10_000, 300_000, 4096),
        SOAK);
  }

  /** The soak alone ({@code bench/run soak}): 30 minutes of churn unless told otherwise. */
  public static Profile soakOnly() {
    Profile f = full();
    return new Profile(
        "soak", f.fanOutSubscribers, f.ladder, f.stepMillis, f.drainMillis, f.warmupMillis,
        f.connectConcurrency, f.messageBytes, f.commitSubscribers, f.commitRate, f.commitMillis,
        f.idleConnections, f.catchUpChanges, f.pushConnections, f.pushWindow, f.pushMillis, false,
        f.storm, f.slow, SOAK);
  }

  /** A short run with small counts that proves the harness works; its figures mean little. */
  public static Profile smoke() {
    return new Profile(
        "smoke",
        List.of(200),
        List.of(5_000, 20_000, 50_000),
        1500,
        2000,
        1500,
        100,
        100,
        200,
        100,
        2000,
        500,
        2000,
        4,
        8,
        1500,
        true,
        new Storm(300, 100, 30_000, 1),
        new Slow(100, 2_000, 1_500, 0, 4096),
        SOAK);
  }

  /** This profile with other fan-out subscriber counts ({@code --subscribers}). */
  public Profile withSubscribers(List<Integer> counts) {
    return new Profile(
        name, counts, ladder, stepMillis, drainMillis, warmupMillis, connectConcurrency,
        messageBytes, commitSubscribers, commitRate, commitMillis, idleConnections,
        catchUpChanges, pushConnections, pushWindow, pushMillis, postgres, storm, slow, soak);
  }

  /** This profile with another ladder of offered deliveries/s ({@code --ladder}). */
  public Profile withLadder(List<Integer> rates) {
    return new Profile(
        name, fanOutSubscribers, rates, stepMillis, drainMillis, warmupMillis, connectConcurrency,
        messageBytes, commitSubscribers, commitRate, commitMillis, idleConnections,
        catchUpChanges, pushConnections, pushWindow, pushMillis, postgres, storm, slow, soak);
  }

  /** This profile with another count of idle connections ({@code --idle}). */
  public Profile withIdleConnections(int count) {
    return new Profile(
        name, fanOutSubscribers, ladder, stepMillis, drainMillis, warmupMillis, connectConcurrency,
        messageBytes, commitSubscribers, commitRate, commitMillis, count,
        catchUpChanges, pushConnections, pushWindow, pushMillis, postgres, storm, slow, soak);
  }

  /** This profile with another storm size ({@code --storm}). */
  public Profile withStormConnections(int count) {
    return new Profile(
        name, fanOutSubscribers, ladder, stepMillis, drainMillis, warmupMillis, connectConcurrency,
        messageBytes, commitSubscribers, commitRate, commitMillis, idleConnections,
        catchUpChanges, pushConnections, pushWindow, pushMillis, postgres,
        new Storm(count, storm.concurrency(), storm.timeoutMillis(), storm.warmUps()), slow, soak);
  }

  /** This profile with another slow-consumer run ({@code --slow}). */
  public Profile withSlow(Slow other) {
    return new Profile(
        name, fanOutSubscribers, ladder, stepMillis, drainMillis, warmupMillis, connectConcurrency,
        messageBytes, commitSubscribers, commitRate, commitMillis, idleConnections,
        catchUpChanges, pushConnections, pushWindow, pushMillis, postgres, storm, other, soak);
  }

  /** This profile with another soak ({@code --soak-minutes}, {@code --soak-connections}). */
  public Profile withSoak(Soak other) {
    return new Profile(
        name, fanOutSubscribers, ladder, stepMillis, drainMillis, warmupMillis, connectConcurrency,
        messageBytes, commitSubscribers, commitRate, commitMillis, idleConnections,
        catchUpChanges, pushConnections, pushWindow, pushMillis, postgres, storm, slow, other);
  }

  public static Profile named(String name) {
    return switch (name) {
      case "full" -> full();
      case "smoke" -> smoke();
      case "soak" -> soakOnly();
      default -> throw new IllegalArgumentException("profile is smoke, full or soak, not " + name);
    };
  }
}
