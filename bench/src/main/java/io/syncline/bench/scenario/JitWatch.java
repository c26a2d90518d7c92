package io.syncline.bench.scenario;

import io.syncline.bench.server.ServerProcess;

/**
 * Tells a warm-up when the server's JIT has done its work. On the one core the server gets, the
 * JIT's compiler threads share that core with the load: in the push scenario they compiled for about
 * a second of every second for over a minute, and the ack rate rose from 2,000 to 8,000/s while they
 * did. A phase measured before they are done measures how far the JIT got. So a warm-up goes on, in
 * windows of {@value #WINDOW_MILLIS} ms, until the JIT compiled for less than a tenth of each of two
 * windows in a row. A server that is not a JVM (the Node peers) counts as settled at once.
 */
final class JitWatch {

  static final long WINDOW_MILLIS = 2_000;
  private static final int QUIET_WINDOWS = 2;

  private final ServerProcess server;
  private final long started = System.nanoTime();
  private long compiled;
  private long at;
  private int quiet;

  JitWatch(ServerProcess server) {
    this.server = server;
    this.compiled = server.compileMillis();
    this.at = started;
  }

  /**
   * Whether the JIT compiled for less than a tenth of the time since the last call, and of the
   * window before it; to be called once a window, while the load goes on.
   */
  boolean settled() {
    long now = System.nanoTime();
    long compiledNow = server.compileMillis();
    if (compiled < 0 || compiledNow < 0) {
      return true;
    }
    long windowMillis = (now - at) / 1_000_000;
    quiet = (compiledNow - compiled) * 10 < windowMillis ? quiet + 1 : 0;
    compiled = compiledNow;
    at = now;
    return quiet >= QUIET_WINDOWS;
  }

  /** One round of a warm-up's load, about {@value #WINDOW_MILLIS} ms long. */
  @FunctionalInterface
  interface Round {
    void run() throws Exception;
  }

  /**
   * Runs rounds of warm-up load until the server's JIT is done, or until the next round would end
   * after {@code limitMillis}; returns the line that says how long it took ({@link #describe}).
   */
  static String warm(ServerProcess server, long limitMillis, Round round) throws Exception {
    JitWatch jit = new JitWatch(server);
    if (jit.compiled < 0) {
      return "not a JVM";
    }
    boolean settled = false;
    while (!settled && jit.elapsedMillis() + WINDOW_MILLIS <= limitMillis) {
      round.run();
      settled = jit.settled();
    }
    return jit.describe(settled);
  }

  /** Milliseconds since this watch began. */
  long elapsedMillis() {
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** A line for the output: how long the warm-up waited for the JIT, and if it settled. */
  String describe(boolean settled) {
    return String.format(
        "JIT %s after %,d ms", settled ? "settled" : "still compiling", elapsedMillis());
  }
}
