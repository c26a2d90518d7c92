package io.syncline.channel;

import io.syncline.cluster.Cluster;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.FrameEncoder;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.WrittenFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Carries channel frames to the other nodes of the {@link Cluster}: {@value #SHARDS} topics, a
 * channel's frames always on the same one (by the channel name's hash), so they arrive in the order
 * this node sent them. A frame crosses as {@code [origin, channel, dialect, text, dialect, text…]}:
 * encoded once here in every dialect, delivered there as text without decoding. On a one-node
 * {@link io.syncline.cluster.LocalCluster} nothing is encoded or sent.
 *
 * <p>Entity and field changes do not cross this way: after a commit the node sends the changes on
 * {@link #FEED_TOPIC}, and every node's sequencer delivers them in version order, once per node
 * (reading the shared log for what a message did not carry or what was lost).
 */
@ApplicationScoped
public class ClusterBus {

  /** The topic of channel frames. */
  static final String TOPIC = "channels";

  /** The topic on which a node says it committed changes up to a version. */
  public static final String FEED_TOPIC = "feed";

  static final int SHARDS = 8;

  /** The largest list of changes (as JSON) a feed message carries; past it, only the version. */
  static final int MAX_CARRIED_CHARS = 65536;

  /** The most characters a feed message has: the changes carried and a version. */
  static final int FEED_MESSAGE_MAX_CHARS = MAX_CARRIED_CHARS + 20;

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
    message.addAll(encoded(frame));
    cluster.send(TOPIC, shard(channel), message);
  }

  /**
   * A frame encoded in every dialect in use, as {@code [dialect, text, dialect, text…]}, for {@link
   * ChannelManager#deliverEncoded} on any node.
   */
  public List<String> encoded(Outbound frame) {
    List<String> texts = new ArrayList<>(2 * dialects.size());
    for (FrameEncoder encoder : dialects) {
      texts.add(encoder.getClass().getName());
      texts.add(encoder.encode(frame));
    }
    return texts;
  }

  /** The texts by dialect of {@code message} from index {@code from} on (see {@link #encoded}). */
  public static Map<String, String> texts(List<String> message, int from) {
    Map<String, String> texts = new HashMap<>(4);
    for (int i = from; i + 1 < message.size(); i += 2) {
      texts.put(message.get(i), message.get(i + 1));
    }
    return texts;
  }

  /**
   * Tells the other nodes' sequencers that {@code changes} are committed (the newest version, and
   * the changes themselves unless they are larger than {@value #MAX_CARRIED_CHARS} characters as
   * JSON): with them they need not read the log.
   */
  public void committed(List<Change> changes) {
    if (!cluster.isClustered() || changes.isEmpty()) {
      return;
    }
    // the order of feed messages does not matter (changes are delivered by version): sent at once,
    // encoded only if there is room for it in flight
    cluster.sendUnordered(FEED_TOPIC, 0, FEED_MESSAGE_MAX_CHARS, () -> feedMessage(changes));
  }

  /**
   * The feed message of {@code changes}: {@code [version, changes as JSON or ""]}, at most {@link
   * #FEED_MESSAGE_MAX_CHARS} characters.
   */
  static List<String> feedMessage(List<Change> changes) {
    long version = changes.stream().mapToLong(Change::version).max().getAsLong();
    String carried = encodeChanges(changes);
    return List.of(Long.toString(version), carried.length() > MAX_CARRIED_CHARS ? "" : carried);
  }

  /**
   * Calls {@code committed} with the version each other node says it committed up to, and the
   * changes if the message carried them (else null: read the log through the version).
   */
  public void onCommitted(BiConsumer<Long, List<Change>> committed) {
    cluster.listen(
        FEED_TOPIC,
        1,
        message ->
            committed.accept(
                Long.parseLong(message.get(1)),
                message.size() > 2 && !message.get(2).isEmpty()
                    ? decodeChanges(message.get(2))
                    : null));
  }

  /** Changes as a JSON array, with what the log keeps of each (time in milliseconds). */
  static String encodeChanges(List<Change> changes) {
    JsonArrayBuilder all = JsonFactory.JSON.createArrayBuilder();
    for (Change change : changes) {
      JsonObjectBuilder one =
          JsonFactory.JSON
              .createObjectBuilder()
              .add("v", change.version())
              .add("e", change.entity())
              .add("i", change.entityId())
              .add("a", change.action().wireName())
              .add("d", change.data())
              .add("t", change.timestamp().toEpochMilli());
      if (change.actor() != null) {
        one.add("u", change.actor());
      }
      if (!change.fields().isEmpty()) {
        one.add("f", change.fields().json());
      }
      if (change.removed() != null) {
        one.add("r", change.removed()); // a delete's removed record: its owner may see the delete
      }
      all.add(one);
    }
    return all.build().toString();
  }

  /** Changes {@link #encodeChanges} wrote, as the log would give them back. */
  static List<Change> decodeChanges(String json) {
    List<Change> changes = new ArrayList<>();
    for (JsonValue value : JsonFactory.readArray(json)) {
      JsonObject one = value.asJsonObject();
      changes.add(
          new Change(
              one.getString("e"),
              one.getString("i"),
              ChangeAction.fromWire(one.getString("a")),
              one.get("d"),
              one.getJsonNumber("v").longValue(),
              Instant.ofEpochMilli(one.getJsonNumber("t").longValue()),
              one.getString("u", null),
              WrittenFields.fromJson(one.getString("f", null)),
              one.get("r")));
    }
    return changes;
  }

  private void received(List<String> message) {
    manager.deliverRemote(message.get(1), texts(message, 2));
  }

  static int shard(String channel) {
    return Math.floorMod(channel.hashCode(), SHARDS);
  }
}
