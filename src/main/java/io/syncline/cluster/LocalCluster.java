package io.syncline.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A cluster of this node only: nothing is sent, maps are plain local maps (TTLs are not kept). */
public final class LocalCluster implements Cluster {

  private final String nodeId = "local-" + UUID.randomUUID();
  private final Map<String, ConcurrentMap<String, String>> maps = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<List<String>>>> handlers = new ConcurrentHashMap<>();
  private final ReentrantLock[] locks = new ReentrantLock[64];

  public LocalCluster() {
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public boolean isClustered() {
    return false;
  }

  @Override
  public void send(String topic, int shard, List<String> message) {
    // no other node
  }

  @Override
  public void listen(String topic, int shards, Consumer<List<String>> handler) {
    // no other node
  }

  @Override
  public void sendUnordered(String topic, int shard, int maxChars, Supplier<List<String>> message) {
    // no other node: nothing is made
  }

  /** Calls this node's {@link #listenAll} handlers of the topic, here and now. */
  @Override
  public void sendNow(String topic, int shard, List<String> message) {
    List<String> parts = new ArrayList<>(message.size() + 1);
    parts.add(nodeId);
    parts.addAll(message);
    for (Consumer<List<String>> handler : handlers.getOrDefault(topic, List.of())) {
      handler.accept(parts);
    }
  }

  @Override
  public void listenAll(String topic, int shards, Consumer<List<String>> handler) {
    handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
  }

  @Override
  public <T> T locked(String map, String key, Supplier<T> action) {
    ReentrantLock lock = locks[Math.floorMod((map + "/" + key).hashCode(), locks.length)];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ConcurrentMap<String, String> map(String name) {
    return maps.computeIfAbsent(name, key -> new ConcurrentHashMap<>());
  }

  @Override
  public void put(String map, String key, String value, long ttlMs) {
    map(map).put(key, value);
  }

  @Override
  public long dropped() {
    return 0;
  }

  @Override
  public void onNodeLeft(Consumer<String> handler) {
    // no other node
  }

  @Override
  public void onMerged(Consumer<String> handler) {
    // no other node to split from
  }

  @Override
  public List<String> nodes() {
    return List.of(nodeId);
  }
}
