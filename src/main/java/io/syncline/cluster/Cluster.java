package io.syncline.cluster;

import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * The nodes this one runs with. {@link LocalCluster} is a cluster of one (WildFly, Payara with
 * {@code --nohazelcast}); {@link HazelcastCluster} uses the Hazelcast instance Payara embeds. Only
 * strings cross nodes, so no class of ours has to be known by Hazelcast.
 */
public interface Cluster {

  /** This node's id, unique in the cluster and for the life of the process. */
  String nodeId();

  /** Whether there may be other nodes at all. */
  boolean isClustered();

  /**
   * Sends a message to every other node on shard {@code shard} of topic {@code topic}: they receive
   * the messages of one shard in the order this node sent them. A node never receives its own.
   */
  void send(String topic, int shard, List<String> message);

  /**
   * Receives the other nodes' messages on {@code shards} shards of a topic; the handler is called
   * for one shard's messages one at a time, in order, with the sender's node id first.
   */
  void listen(String topic, int shards, Consumer<List<String>> handler);

  /** A map every node sees (string keys and values). */
  ConcurrentMap<String, String> map(String name);

  /** Puts an entry that expires after {@code ttlMs} unless put again. */
  void put(String map, String key, String value, long ttlMs);

  /** Calls {@code handler} with the id of each node that leaves the cluster (or dies). */
  void onNodeLeft(Consumer<String> handler);

  /** The ids of the nodes in the cluster now, this one included. */
  List<String> nodes();
}
