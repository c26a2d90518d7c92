package io.syncline.cluster;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/** A cluster of this node only: nothing is sent, maps are plain local maps (TTLs are not kept). */
public final class LocalCluster implements Cluster {

  private final String nodeId = "local-" + UUID.randomUUID();
  private final Map<String, ConcurrentMap<String, String>> maps = new ConcurrentHashMap<>();

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
  public ConcurrentMap<String, String> map(String name) {
    return maps.computeIfAbsent(name, key -> new ConcurrentHashMap<>());
  }

  @Override
  public void put(String map, String key, String value, long ttlMs) {
    map(map).put(key, value);
  }

  @Override
  public void onNodeLeft(Consumer<String> handler) {
    // no other node
  }

  @Override
  public List<String> nodes() {
    return List.of(nodeId);
  }
}
