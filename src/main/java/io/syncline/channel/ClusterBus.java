package io.syncline.channel;

import io.syncline.cluster.Cluster;
import io.syncline.protocol.FrameEncoder;
import io.syncline.protocol.Outbound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries channel frames to the other nodes of the {@link Cluster}: {@value #SHARDS} topics, a
 * channel's frames always on the same one (by the channel name's hash), so they arrive in the order
 * this node sent them. A frame crosses as {@code [origin, channel, dialect, text, dialect, text…]}:
 * encoded once here in every dialect, delivered there as text without decoding. On a one-node
 * {@link io.syncline.cluster.LocalCluster} nothing is encoded or sent.
 *
 * <p>Entity and field changes do not cross this way: every node's sequencer reads them from the
 * shared log (woken by {@link #FEED_TOPIC}), so each is delivered once per node.
 */
@ApplicationScoped
public class ClusterBus {

  /** The topic of channel frames. */
  static final String TOPIC = "channels";

  /** The topic on which a node says it committed changes up to a version. */
  public static final String FEED_TOPIC = "feed";

  static final int SHARDS = 8;

  @Inject private Cluster cluster;
  @Inject private ChannelManager manager;
  private volatile List<FrameEncoder> dialects = List.of();

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    cluster.listen(TOPIC, SHARDS, this::received);
  }

  /** The encoders of every dialect in use; the socket layer names them at start. */
  public void dialects(List<FrameEncoder> encoders) {
    this.dialects = List.copyOf(encoders);
  }

  /** Whether other nodes may exist (else nothing is sent). */
  public boolean clustered() {
    return cluster.isClustered();
  }

  /** This node's id in the cluster. */
  public String nodeId() {
    return cluster.nodeId();
  }

  /** Sends a channel frame to the other nodes' subscribers of the channel. */
  void send(String channel, Outbound frame) {
    if (!cluster.isClustered()) {
      return;
    }
    List<String> message = new ArrayList<>(1 + 2 * dialects.size());
    message.add(channel);
    for (FrameEncoder encoder : dialects) {
      message.add(encoder.getClass().getName());
      message.add(encoder.encode(frame));
    }
    cluster.send(TOPIC, shard(channel), message);
  }

  /** Tells the other nodes' sequencers that changes up to {@code version} are committed. */
  public void committed(long version) {
    if (cluster.isClustered()) {
      cluster.send(FEED_TOPIC, 0, List.of(Long.toString(version)));
    }
  }

  /** Calls {@code wake} with the version each other node says it committed up to. */
  public void onCommitted(java.util.function.LongConsumer wake) {
    cluster.listen(FEED_TOPIC, 1, message -> wake.accept(Long.parseLong(message.get(1))));
  }

  private void received(List<String> message) {
    String channel = message.get(1);
    Map<String, String> texts = new HashMap<>(4);
    for (int i = 2; i + 1 < message.size(); i += 2) {
      texts.put(message.get(i), message.get(i + 1));
    }
    manager.deliverRemote(channel, texts);
  }

  static int shard(String channel) {
    return Math.floorMod(channel.hashCode(), SHARDS);
  }
}
