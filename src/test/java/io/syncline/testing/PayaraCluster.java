package io.syncline.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Several Payara Micro nodes running the WAR as one Hazelcast cluster on loopback
 * (docs/cluster.md), all on one database: {@code --clustermode tcpip:127.0.0.1:B,127.0.0.1:B+1,…
 * --interfaces 127.0.0.1 --startport B --clustername it-<random>}, B a free port. Closing it ends
 * every node still alive.
 */
public final class PayaraCluster implements AutoCloseable {

  /** Nodes boot side by side (and join the cluster): longer than one node alone on a busy host. */
  private static final Duration STARTUP = Duration.ofMinutes(7);

  private final List<ServerProcess> nodes;
  private final String name;
  private final Database database;
  private final Map<String, String> settings;
  private final List<String> clustering;
  private final int capacity;

  private PayaraCluster(
      List<ServerProcess> nodes,
      String name,
      Database database,
      Map<String, String> settings,
      List<String> clustering,
      int capacity) {
    this.nodes = new ArrayList<>(nodes);
    this.name = name;
    this.database = database;
    this.settings = settings;
    this.clustering = clustering;
    this.capacity = capacity;
  }

  /**
   * Starts {@code count} nodes at once with the suite's settings and {@code settings} over them;
   * returns when every node answers (forming the cluster takes some 13 s a node).
   */
  public static PayaraCluster start(
      String name, int count, Database database, Map<String, String> settings) {
    return start(name, count, count, database, settings);
  }

  /**
   * {@link #start(String, int, Database, Map)} with room for {@code capacity} nodes in the member
   * list, so that more can be {@link #add added} later.
   */
  public static PayaraCluster start(
      String name, int count, int capacity, Database database, Map<String, String> settings) {
    int base = freePorts(capacity);
    StringBuilder members = new StringBuilder("tcpip:");
    for (int i = 0; i < capacity; i++) {
      members.append(i == 0 ? "" : ",").append("127.0.0.1:").append(base + i);
    }
    List<String> clustering =
        List.of(
            "--clustermode",
            members.toString(),
            "--interfaces",
            "127.0.0.1",
            "--startport",
            Integer.toString(base),
            "--clustername",
            "it-" + UUID.randomUUID().toString().substring(0, 8));
    Map<String, String> all = SuiteServer.merge(SuiteServer.SETTINGS, settings);
    List<CompletableFuture<ServerProcess>> starting = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String node = name + "-" + (char) ('a' + i);
      starting.add(
          CompletableFuture.supplyAsync(
              () -> PayaraMicro.start(node, database, all, clustering, STARTUP)));
    }
    List<ServerProcess> started = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<ServerProcess> node : starting) {
      try {
        started.add(node.join());
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      started.forEach(ServerProcess::close);
      throw failure;
    }
    return new PayaraCluster(started, name, database, all, clustering, capacity);
  }

  /** Starts one more node, which joins the running cluster. */
  public ServerProcess add() {
    if (nodes.size() >= capacity) {
      throw new IllegalStateException("the member list has room for " + capacity + " nodes");
    }
    ServerProcess node =
        PayaraMicro.start(
            name + "-" + (char) ('a' + nodes.size()), database, settings, clustering, STARTUP);
    nodes.add(node);
    return node;
  }

  /** Node {@code index}, in start order. */
  public ServerProcess node(int index) {
    return nodes.get(index);
  }

  /** A free port B with B+1 … B+count-1 free too, for the nodes' cluster sockets. */
  private static int freePorts(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = AppServer.freePort();
      if (base + count < 65535 && allFree(base, count)) {
        return base;
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports on 127.0.0.1");
  }

  private static boolean allFree(int base, int count) {
    for (int i = 0; i < count; i++) {
      try (ServerSocket socket = new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    nodes.forEach(ServerProcess::close);
  }
}
