package io.syncline.bench.scenario;

import java.util.List;

/** Counts and times of one suite: {@code smoke} (in the build, a few minutes) or {@code full}. */
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
    boolean postgres) {

  /** The standard suite of the issue. */
  public static Profile full() {
    return new Profile(
        "full",
        List.of(1000, 5000),
        List.of(
            10_000, 20_000, 40_000, 60_000, 80_000, 120_000, 160_000, 200_000, 250_000, 300_000,
            400_000, 500_000, 600_000, 800_000, 1_000_000),
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
        true);
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
        true);
  }

  /** This profile with other fan-out subscriber counts ({@code --subscribers}). */
  public Profile withSubscribers(List<Integer> counts) {
    return new Profile(
        name, counts, ladder, stepMillis, drainMillis, warmupMillis, connectConcurrency,
        messageBytes, commitSubscribers, commitRate, commitMillis, idleConnections,
        catchUpChanges, pushConnections, pushWindow, pushMillis, postgres);
  }

  /** This profile with another ladder of offered deliveries/s ({@code --ladder}). */
  public Profile withLadder(List<Integer> rates) {
    return new Profile(
        name, fanOutSubscribers, rates, stepMillis, drainMillis, warmupMillis, connectConcurrency,
        messageBytes, commitSubscribers, commitRate, commitMillis, idleConnections,
        catchUpChanges, pushConnections, pushWindow, pushMillis, postgres);
  }

  /** This profile with another count of idle connections ({@code --idle}). */
  public Profile withIdleConnections(int count) {
    return new Profile(
        name, fanOutSubscribers, ladder, stepMillis, drainMillis, warmupMillis, connectConcurrency,
        messageBytes, commitSubscribers, commitRate, commitMillis, count,
        catchUpChanges, pushConnections, pushWindow, pushMillis, postgres);
  }

  public static Profile named(String name) {
    return switch (name) {
      case "full" -> full();
      case "smoke" -> smoke();
      default -> throw new IllegalArgumentException("profile is smoke or full, not " + name);
    };
  }
}
