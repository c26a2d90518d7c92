package io.syncline.component;

import io.syncline.channel.ChannelManager;
import io.syncline.channel.ClusterBus;
import io.syncline.channel.Subscriber;
import io.syncline.cluster.Cluster;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.ComponentCursor;
import io.syncline.protocol.ComponentCursorMoved;
import io.syncline.protocol.ComponentNestedCreate;
import io.syncline.protocol.ComponentNestedCreated;
import io.syncline.protocol.ComponentNestedDelete;
import io.syncline.protocol.ComponentNestedDeleted;
import io.syncline.protocol.ComponentNestedUpdate;
import io.syncline.protocol.ComponentNestedUpdated;
import io.syncline.protocol.ComponentState;
import io.syncline.protocol.ComponentTyped;
import io.syncline.protocol.ComponentTyping;
import io.syncline.protocol.ComponentUpdate;
import io.syncline.protocol.ComponentUpdated;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.RequestIds;
import io.syncline.protocol.ServerMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Seed 001's component rooms ({@code component:{id}} channels): members change the room's shared
 * state, and late joiners get it on subscribing ({@code component:state}), before any change made
 * after it: a subscriber is {@link #expect expected} until its state is sent, and changes are
 * applied and sent under the room's lock. Updates and typing go to the other members, nested
 * creates and deletes to all of them. Only a member may change a room. On one node, states are kept
 * in memory, the least recently used dropped past {@code syncline.rooms.max-kept}. In a cluster a
 * room's state is in a cluster map (dropped 24 h after its last change) and is changed under a
 * cluster-wide lock; each change counts up the state's sequence number and carries it, so that a
 * member who joined with a state that already has a change is not given it again when it arrives
 * ({@link JoinedRooms}); typing and cursors are relayed to every node.
 */
@ApplicationScoped
public class ComponentRooms {

  @Inject private ChannelManager channels;
  @Inject private ComponentSettings settings;
  @Inject private Cluster cluster;
  @Inject private ClusterBus bus;

  private static final String TOPIC = "rooms";
  private static final String MAP = "rooms";
  private static final int SHARDS = 8;

  /** How long a room's state is kept in a cluster after its last change. */
  static final long STATE_TTL_MS = TimeUnit.HOURS.toMillis(24);

  private Map<String, RoomState> states;
  private volatile JoinedRooms joinedRooms;
  private final Map<String, Set<String>> joining = new ConcurrentHashMap<>();

  private synchronized Map<String, RoomState> states() {
    if (states == null) {
      int kept = settings.maxKept();
      states =
          Collections.synchronizedMap(
              new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, RoomState> eldest) {
                  return size() > kept;
                }
              });
    }
    return states;
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    if (clustered()) {
      cluster.listenAll(TOPIC, SHARDS, this::received);
    }
  }

  /** Refuses a subscription that would take a room past its member cap. */
  public void checkRoom(Subscriber connection, String channel) {
    if (!channels.isSubscribed(connection, channel)
        && channels.subscribers(channel).size() >= settings.maxMembers()) {
      throw new ProtocolException(
          ErrorCode.LIMIT_EXCEEDED,
          "room '" + channel + "' is full (" + settings.maxMembers() + " members)");
    }
  }

  /** Call before subscribing a connection to a room: it is sent nothing until {@link #joined}. */
  public void expect(Subscriber connection, String channel) {
    joining
        .computeIfAbsent(ChannelName.parse(channel).id(), id -> ConcurrentHashMap.newKeySet())
        .add(connection.id());
  }

  /** An expected connection that did not subscribe after all. */
  public void forget(Subscriber connection, String channel) {
    String componentId = ChannelName.parse(channel).id();
    joining.computeIfPresent(
        componentId,
        (id, connections) -> {
          connections.remove(connection.id());
          return connections.isEmpty() ? null : connections;
        });
  }

  /**
   * A connection subscribed to the room: it is told the room's state, if the room has one, before
   * any change made after it.
   */
  public void joined(Subscriber connection, String channel, Consumer<ComponentState> tell) {
    String componentId = ChannelName.parse(channel).id();
    if (clustered()) {
      // under the room's cluster lock: a change is in the state told, or sent after it
      cluster.locked(
          MAP,
          componentId,
          () -> {
            String kept = cluster.map(MAP).get(componentId);
            RoomState state = kept == null ? null : RoomState.fromJson(kept);
            // changes in this state may still be on their way here: the joiner is not given them
            joinedRooms()
                .joined(
                    componentId,
                    connection.id(),
                    state == null ? null : state.epoch(),
                    state == null ? 0 : state.seq(),
                    () -> {
                      if (state != null && !state.isEmpty()) {
                        tell.accept(state.view(componentId));
                      }
                      forget(connection, channel);
                    });
            return null;
          });
      return;
    }
    RoomState state = states().get(componentId);
    if (state == null) {
      synchronized (this) {
        state = states().computeIfAbsent(componentId, id -> new RoomState());
      }
    }
    synchronized (state) {
      if (!state.isEmpty()) {
        tell.accept(state.view(componentId));
      }
      forget(connection, channel);
    }
  }

  public void update(Subscriber sender, ComponentUpdate update) {
    change(
        sender,
        update.componentId(),
        state -> {
          state.update(update.updates());
          return state;
        },
        new ComponentUpdated(
            update.componentId(), update.updates(), sender.userId(), Instant.now()),
        true);
  }

  public void updateNested(Subscriber sender, ComponentNestedUpdate update) {
    change(
        sender,
        update.componentId(),
        state -> {
          if (!state.updateNested(update.rowId(), update.nestedComponentId(), update.updates())) {
            throw notFound(update.rowId(), update.nestedComponentId());
          }
          return state;
        },
        new ComponentNestedUpdated(
            update.componentId(),
            update.rowId(),
            update.nestedComponentId(),
            update.updates(),
            sender.userId(),
            Instant.now()),
        true);
  }

  public void create(Subscriber sender, ComponentNestedCreate create) {
    if (!(create.nestedComponent().get("id") instanceof JsonString id)
        || id.getString().isBlank()) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "nestedComponent.id is required");
    }
    change(
        sender,
        create.componentId(),
        state -> {
          state.create(create.rowId(), id.getString(), create.nestedComponent());
          return state;
        },
        new ComponentNestedCreated(
            create.componentId(), create.rowId(), create.nestedComponent(), sender.userId()),
        false);
  }

  public void delete(Subscriber sender, ComponentNestedDelete delete) {
    change(
        sender,
        delete.componentId(),
        state -> {
          if (!state.delete(delete.rowId(), delete.nestedComponentId())) {
            throw notFound(delete.rowId(), delete.nestedComponentId());
          }
          return state;
        },
        new ComponentNestedDeleted(
            delete.componentId(), delete.rowId(), delete.nestedComponentId(), sender.userId()),
        false);
  }

  public void typing(Subscriber sender, ComponentTyping typing) {
    member(sender, typing.componentId());
    relay(
        sender,
        typing.componentId(),
        new ComponentTyped(typing.componentId(), sender.userId(), email(sender)));
  }

  public void cursor(Subscriber sender, ComponentCursor cursor) {
    member(sender, cursor.componentId());
    relay(
        sender,
        cursor.componentId(),
        new ComponentCursorMoved(
            cursor.componentId(), sender.userId(), email(sender), cursor.position()));
  }

  /**
   * Applies a change to a copy of the room's state and keeps it if it stays under the size cap (a
   * refused change leaves the state as it was), then tells the members ({@code toOthers}: all but
   * the sender), under the room's lock. In a cluster the state is in a cluster map and the lock is
   * cluster-wide; the change is sent to every node, this one included, before the lock is let go,
   * so every node delivers a room's changes in the order they were applied.
   */
  private void change(
      Subscriber sender,
      String componentId,
      UnaryOperator<RoomState> change,
      ServerMessage told,
      boolean toOthers) {
    member(sender, componentId);
    if (clustered()) {
      cluster.locked(
          MAP,
          componentId,
          () -> {
            String kept = cluster.map(MAP).get(componentId);
            RoomState next =
                change.apply(kept == null ? new RoomState() : RoomState.fromJson(kept));
            checkSize(componentId, next);
            next.stamp();
            cluster.put(MAP, componentId, next.toJson(), STATE_TTL_MS);
            String channel = room(componentId);
            List<String> message = new ArrayList<>();
            message.add(channel);
            message.add(toOthers ? sender.id() : "");
            message.add(next.epoch());
            message.add(Long.toString(next.seq()));
            message.addAll(bus.encoded(new Outbound(told, channel, RequestIds.NONE, null)));
            cluster.sendNow(TOPIC, shard(componentId), message);
            return null;
          });
      return;
    }
    RoomState state = states().computeIfAbsent(componentId, id -> new RoomState());
    synchronized (state) {
      RoomState next = change.apply(state.copy());
      checkSize(componentId, next);
      state.become(next);
      if (toOthers) {
        toOthers(sender, componentId, told);
      } else {
        toAll(componentId, told);
      }
    }
  }

  private void checkSize(String componentId, RoomState next) {
    if (next.size() > settings.maxStateBytes()) {
      throw new ProtocolException(
          ErrorCode.LIMIT_EXCEEDED,
          "component '" + componentId + "' would exceed " + settings.maxStateBytes() + " bytes");
    }
  }

  /**
   * A room change from any node ({@code [origin, channel, except, epoch, seq, dialect, text…]}),
   * this one's included: delivered to the room's members here, but not to the sender ({@code
   * except}, on its node), nor to members still waiting for the state, nor to members told a state
   * that already has this change ({@link JoinedRooms}).
   */
  private void received(List<String> message) {
    boolean own = cluster.nodeId().equals(message.get(0));
    String channel = message.get(1);
    String except = message.get(2);
    String epoch = message.get(3);
    long seq = Long.parseLong(message.get(4));
    String componentId = ChannelName.parse(channel).id();
    Map<String, String> texts = ClusterBus.texts(message, 5);
    joinedRooms()
        .received(
            componentId,
            epoch,
            seq,
            notTold ->
                channels.deliverEncoded(
                    channel,
                    texts,
                    subscriber ->
                        !(own && subscriber.id().equals(except))
                            && !isJoining(componentId, subscriber)
                            && notTold.test(subscriber.id())));
  }

  private JoinedRooms joinedRooms() {
    JoinedRooms rooms = joinedRooms;
    if (rooms == null) {
      synchronized (this) {
        if (joinedRooms == null) {
          joinedRooms = new JoinedRooms(settings.maxKept(), this::isMemberHere);
        }
        rooms = joinedRooms;
      }
    }
    return rooms;
  }

  /** Whether a connection (by id) is subscribed to a room on this node. */
  private boolean isMemberHere(String componentId, String connectionId) {
    for (Subscriber subscriber : channels.subscribers(room(componentId))) {
      if (subscriber.id().equals(connectionId)) {
        return true;
      }
    }
    return false;
  }

  private static int shard(String componentId) {
    return Math.floorMod(componentId.hashCode(), SHARDS);
  }

  private boolean clustered() {
    return cluster != null && cluster.isClustered();
  }

  private void member(Subscriber sender, String componentId) {
    String channel = room(componentId);
    if (!channels.isSubscribed(sender, channel)) {
      throw new ProtocolException(
          ErrorCode.FORBIDDEN, "subscribe to '" + channel + "' before changing it");
    }
  }

  private void toOthers(Subscriber sender, String componentId, ServerMessage message) {
    String channel = room(componentId);
    channels.publish(
        channel,
        new Outbound(message, channel, RequestIds.NONE, null),
        subscriber -> subscriber != sender && !isJoining(componentId, subscriber));
  }

  /** Typing and cursors: to the other members, on every node; not kept. */
  private void relay(Subscriber sender, String componentId, ServerMessage message) {
    String channel = room(componentId);
    channels.publishEverywhere(
        channel,
        new Outbound(message, channel, RequestIds.NONE, null),
        subscriber -> subscriber != sender && !isJoining(componentId, subscriber));
  }

  private void toAll(String componentId, ServerMessage message) {
    String channel = room(componentId);
    channels.publish(
        channel,
        new Outbound(message, channel, RequestIds.NONE, null),
        subscriber -> !isJoining(componentId, subscriber));
  }

  private boolean isJoining(String componentId, Subscriber subscriber) {
    Set<String> connections = joining.get(componentId);
    return connections != null && connections.contains(subscriber.id());
  }

  private static String room(String componentId) {
    return ChannelName.parse(ChannelName.of(ChannelName.Kind.COMPONENT, componentId)).value();
  }

  private static String email(Subscriber sender) {
    return sender.caller() == null ? null : sender.caller().email();
  }

  private static ProtocolException notFound(String rowId, String nestedId) {
    return new ProtocolException(
        ErrorCode.NOT_FOUND, "row '" + rowId + "' has no component '" + nestedId + "'");
  }
}
