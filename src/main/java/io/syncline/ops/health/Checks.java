package io.syncline.ops.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** The rules of each check, on plain figures, so that they are tested without a server. */
public final class Checks {

  private Checks() {}

  /** The database answers: the change log's head could be read. */
  public static Check database(LongSupplier head) {
    try {
      return Check.up("database", Map.of("changeLogVersion", head.getAsLong()));
    } catch (RuntimeException e) {
      return Check.down("database", "the database did not answer: " + describe(e), Map.of());
    }
  }

  /** The sequencer has delivered the log up to at most {@code maxLag} versions behind its head. */
  public static Check sequencer(long head, long delivered, long maxLag) {
    long lag = Math.max(0, head - delivered);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("changeLogVersion", head);
    data.put("deliveredVersion", delivered);
    data.put("lag", lag);
    data.put("maxLag", maxLag);
    return lag <= maxLag
        ? Check.up("change-sequencer", data)
        : Check.down(
            "change-sequencer",
            "the change sequencer is " + lag + " versions behind the log (at most " + maxLag + ")",
            data);
  }

  /** A single node (no Hazelcast cluster) is always joined. */
  public static Check cluster() {
    return Check.up("cluster", Map.of("state", "not clustered"));
  }

  /**
   * A clustered node is up as a member: its id, how many nodes it sees, and how many cluster
   * messages it dropped because a send queue was full.
   */
  public static Check cluster(boolean clustered, String node, int nodes, long dropped) {
    return clustered
        ? Check.up(
            "cluster",
            Map.of("state", "clustered", "node", node, "nodes", nodes, "dropped", dropped))
        : cluster();
  }

  /** A background thread the server cannot work without is running. */
  public static Check thread(String name, boolean running, String what) {
    return running
        ? Check.up(name, Map.of())
        : Check.down(name, what + " is not running", Map.of());
  }

  private static String describe(RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
