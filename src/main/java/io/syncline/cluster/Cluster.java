package io.syncline.cluster;

import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

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

  /**
   * Sends a message to every other node at once from the calling thread, without keeping its order
   * with this node's other messages (for messages whose order does not matter: the feed's). The
   * message is made by {@code message}, of at most {@code maxChars} characters in all; if there is
   * no room for that many in flight (Hazelcast stalled), it is not made but dropped and counted as
   * {@link #dropped}.
   */
  void sendUnordered(String topic, int shard, int maxChars, Supplier<List<String>> message);

  /**
   * Sends a message to every node, this one included, on shard {@code shard} of topic {@code
   * topic}, before returning: messages sent this way while holding one {@link #locked} key reach
   * every node in the order of the lock. Received by {@link #listenAll}.
   */
  void sendNow(String topic, int shard, List<String> message);

  /**
   * Like {@link #listen}, but receives this node's own {@link #sendNow} messages too, in their
   * place among the others'.
   */
  void listenAll(String topic, int shards, Consumer<List<String>> handler);

  /** Runs {@code action} holding a cluster-wide lock on one key of a {@link #map}. */
  <T> T locked(String map, String key, Supplier<T> action);

  /** A map every node sees (string keys and values). */
  ConcurrentMap<String, String> map(String name);

  /** Puts an entry that expires after {@code ttlMs} unless put again. */
  void put(String map, String key, String value, long ttlMs);

  /**
   * How many messages this node dropped unsent since it started, because a send queue was full
   * ({@code syncline.cluster.queue-size} bounds each) or unordered sends in flight had reached
   * their bound (Hazelcast stalled).
   */
  long dropped();

  /** Calls {@code handler} with the id of each node that leaves the cluster (or dies). */
  void onNodeLeft(Consumer<String> handler);

  /**
   * Calls {@code handler} when this node has merged back into the cluster after a network split,
   * with the id it had before: Hazelcast gives a merging node a new id, and the others dropped what
   * this node had told them (its presence) when the split began.
   */
  void onMerged(Consumer<String> handler);

  /** The ids of the nodes in the cluster now, this one included. */
  List<String> nodes();
}
