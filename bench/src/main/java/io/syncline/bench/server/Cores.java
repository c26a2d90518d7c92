package io.syncline.bench.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which cores the servers and the load generator run on: separate halves of the machine when it has
 * two or more, through {@code taskset}; unpinned on one core or without taskset.
 */
public record Cores(int available, String server, String client, boolean pinned) {

  /** Decides the split; does not pin anything yet. */
  public static Cores detect() {
    int n = Runtime.getRuntime().availableProcessors();
    boolean taskset = runs(List.of("taskset", "-V"));
    if (n < 2 || !taskset) {
      return new Cores(n, "any", "any", false);
    }
    int half = n / 2;
    String server = half == 1 ? "0" : "0-" + (half - 1);
    String client = n - half == 1 ? Integer.toString(half) : half + "-" + (n - 1);
    return new Cores(n, server, client, true);
  }

  /** Pins every thread of this JVM (and those it starts later) to the client cores. */
  public void pinSelf() {
    if (pinned) {
      runs(
          List.of(
              "taskset", "-a", "-p", "-c", client, Long.toString(ProcessHandle.current().pid())));
    }
  }

  /** {@code command} prefixed with taskset for the server cores, if pinned. */
  public List<String> onServerCores(List<String> command) {
    List<String> all = new ArrayList<>();
    if (pinned) {
      all.addAll(List.of("taskset", "-c", server));
    }
    all.addAll(command);
    return all;
  }

  public String describe() {
    return pinned
        ? available + " cores: servers on " + server + ", load generator on " + client
        : available + " core(s): not pinned (" + (available < 2 ? "one core" : "no taskset") + ")";
  }

  private static boolean runs(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
