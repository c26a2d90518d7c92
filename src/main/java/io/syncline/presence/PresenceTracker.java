package io.syncline.presence;

import io.syncline.channel.ChannelManager;
import io.syncline.channel.Subscriber;
import io.syncline.cluster.Cluster;
import io.syncline.config.SynclineConfig;
import io.syncline.protocol.BatchUpdate;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.PresenceSync;
import io.syncline.protocol.PresenceUser;
import io.syncline.protocol.RequestIds;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Who is present where. A user with several tabs or devices is one member with several connections.
 * Changes are announced on {@code presence:{resource}} (and, for a {@code component:} room, on the
 * room's channel) once per coalescing window, to each subscriber in its {@link PresenceView}: the
 * window's joins and leaves (several packed in order into one {@code batch:update}), one {@code
 * presence:diff}, or only the new count.
 *
 * <p>In a cluster each node keeps every room whole: it tells the others of its own connections'
 * joins, heartbeats and leaves (a {@link Cluster} topic, sharded by resource so one resource's
 * messages stay in order), and mirrors theirs into its rooms as connections named {@code
 * node/connection}. So snapshots, {@code GET /api/presence} and counts are cluster-wide, a user's
 * tabs on two nodes are one member, and each node announces changes to its own subscribers only.
 * When a node leaves the cluster (or dies), the others drop its connections.
 */
@ApplicationScoped
public class PresenceTracker {

  @Inject private ChannelManager channels;
  @Inject private SynclineConfig config;
  @Resource private ManagedScheduledExecutorService scheduler;
  @Inject private Cluster cluster;

  private static final String TOPIC = "presence";
  private static final int SHARDS = 4;
  private static final String NULL = "\u0000";
  private static final String SEPARATOR = "\u0001";

  /** This node's connections as put in the cluster map: connection|resource → join message. */
  private final Map<String, String> shared = new ConcurrentHashMap<>();

  /** While {@link #seed} runs: the mirrored connections that left meanwhile. */
  private volatile Set<String> seeding;

  /** Other nodes' connections mirrored here: node → (node/connection → resource, user). */
  private final Map<String, Map<String, String[]>> mirrored = new ConcurrentHashMap<>();

  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> roomsOfConnection = new ConcurrentHashMap<>();
  private final Map<String, Map<String, PresenceView>> viewsOfConnection =
      new ConcurrentHashMap<>();
  private ScheduledFuture<?> sweeper;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    long period = Math.max(250, config.presenceTimeoutMs() / 3);
    sweeper = scheduler.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    cluster.listen(TOPIC, SHARDS, this::received);
    cluster.onNodeLeft(this::nodeLeft);
    cluster.onMerged(this::merged);
    if (cluster.isClustered()) {
      seed();
    }
  }

  @PreDestroy
  void stop() {
    if (sweeper != null) {
      sweeper.cancel(false);
    }
  }

  /**
   * Adds a connection to a resource's presence and returns what the joiner is told.
   *
   * @param swept whether the member must keep sending heartbeats ({@code presence:join}) or stays
   *     as long as its subscription does (a room)
   */
  public void join(
      Subscriber connection,
      String resource,
      boolean swept,
      String name,
      JsonObject metadata,
      PresenceView view,
      Consumer<PresenceSync> tell) {
    watch(connection, resource, view);
    Room room =
        rooms.compute(
            resource,
            (key, existing) -> {
              Room target = existing == null ? new Room(resource, swept) : existing;
              synchronized (target) {
                target.join(
                    connection.id(),
                    connection.userId(),
                    name,
                    connection.caller() == null ? null : connection.caller().email(),
                    metadata);
                // told under the room's lock: no announcement can overtake the snapshot
                tell.accept(target.snapshot(view));
              }
              return target;
            });
    roomsOfConnection
        .computeIfAbsent(connection.id(), id -> ConcurrentHashMap.newKeySet())
        .add(resource);
    changed(room);
    tellCluster(
        "join",
        resource,
        connection.id(),
        connection.userId(),
        name,
        connection.caller() == null ? null : connection.caller().email(),
        metadata == null ? null : metadata.toString(),
        Boolean.toString(swept));
  }

  /**
   * Call before subscribing a connection that is about to {@link #join} to the resource's channel:
   * until its snapshot it is sent no announcement (its snapshot shows what they would).
   */
  public void expect(Subscriber connection, String resource, boolean swept) {
    rooms.compute(
        resource,
        (key, existing) -> {
          Room target = existing == null ? new Room(resource, swept) : existing;
          synchronized (target) {
            target.expect(connection.id());
          }
          return target;
        });
  }

  /** An {@link #expect expected} connection that will not join after all (refused). */
  public void forget(Subscriber connection, String resource) {
    Room room = rooms.get(resource);
    if (room != null) {
      synchronized (room) {
        room.forget(connection.id());
      }
      changed(room);
      removeIfEmpty(room);
    }
  }

  /**
   * How a connection is told about a resource's presence from now on, whether it is present itself
   * or only subscribed to {@code presence:{resource}}.
   */
  public void watch(Subscriber connection, String resource, PresenceView view) {
    Map<String, PresenceView> views =
        viewsOfConnection.computeIfAbsent(connection.id(), id -> new ConcurrentHashMap<>());
    if (view == PresenceView.EVENTS) {
      views.remove(resource);
    } else {
      views.put(resource, view);
    }
  }

  private PresenceView viewOf(Subscriber connection, String resource) {
    Map<String, PresenceView> views = viewsOfConnection.get(connection.id());
    return views == null ? PresenceView.EVENTS : views.getOrDefault(resource, PresenceView.EVENTS);
  }

  public void leave(Subscriber connection, String resource) {
    Map<String, PresenceView> views = viewsOfConnection.get(connection.id());
    if (views != null) {
      views.remove(resource);
    }
    Room room = rooms.get(resource);
    if (room != null) {
      synchronized (room) {
        room.leave(connection.id(), connection.userId());
      }
      changed(room);
    }
    Set<String> held = roomsOfConnection.get(connection.id());
    if (held != null) {
      held.remove(resource);
    }
    tellCluster("leave", resource, connection.id(), connection.userId());
  }

  public void heartbeat(Subscriber connection, String resource) {
    Room room = rooms.get(resource);
    if (room != null) {
      synchronized (room) {
        room.heartbeat(connection.userId());
      }
      tellCluster("beat", resource, connection.id(), connection.userId());
    }
  }

  /** Tells the other nodes of a local connection's join, heartbeat or leave. */
  private void tellCluster(String op, String resource, String... rest) {
    if (cluster == null || !cluster.isClustered()) {
      return;
    }
    List<String> message = new ArrayList<>(rest.length + 2);
    message.add(op);
    message.add(resource);
    for (String part : rest) {
      message.add(part == null ? NULL : part);
    }
    String own = message.get(2) + "|" + resource;
    String key = cluster.nodeId() + "/" + own;
    if (op.equals("join")) {
      String value = String.join(SEPARATOR, message);
      shared.put(own, value);
      cluster.map(TOPIC).put(key, value);
    } else if (op.equals("leave")) {
      shared.remove(own);
      cluster.map(TOPIC).remove(key);
    }
    cluster.send(TOPIC, Math.floorMod(resource.hashCode(), SHARDS), message);
  }

  /**
   * At start, mirrors the connections the other nodes have now (the shared map holds each node's
   * joins until they leave or the node does); a connection that leaves meanwhile is not mirrored.
   */
  private void seed() {
    seeding = ConcurrentHashMap.newKeySet();
    String own = cluster.nodeId() + "/";
    try {
      for (Map.Entry<String, String> entry : cluster.map(TOPIC).entrySet()) {
        if (entry.getKey().startsWith(own)) {
          continue;
        }
        String node = entry.getKey().substring(0, entry.getKey().indexOf('/'));
        List<String> message = new ArrayList<>();
        message.add(node);
        message.addAll(List.of(entry.getValue().split(SEPARATOR, -1)));
        if (!seeding.contains(node + "/" + message.get(3))) {
          received(message);
        }
      }
    } finally {
      seeding = null;
    }
  }

  /** Another node's {@code [node, op, resource, connection, user, …]}: mirrored into the room. */
  private void received(List<String> message) {
    String node = message.get(0);
    String op = message.get(1);
    String resource = message.get(2);
    String connection = node + "/" + message.get(3);
    String userId = message.get(4);
    Map<String, String[]> ofNode = mirrored.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
    switch (op) {
      case "join" -> {
        boolean swept = Boolean.parseBoolean(message.get(8));
        JsonObject metadata =
            NULL.equals(message.get(7)) ? null : JsonFactory.readObject(message.get(7));
        Room room =
            rooms.compute(
                resource,
                (key, existing) -> {
                  Room target = existing == null ? new Room(resource, swept) : existing;
                  synchronized (target) {
                    target.join(
                        connection,
                        userId,
                        orNull(message.get(5)),
                        orNull(message.get(6)),
                        metadata);
                  }
                  return target;
                });
        ofNode.put(connection, new String[] {resource, userId});
        changed(room);
      }
      case "leave" -> {
        Set<String> left = seeding;
        if (left != null) {
          left.add(connection);
        }
        ofNode.remove(connection);
        leaveMirrored(resource, connection, userId);
      }
      case "beat" -> {
        Room room = rooms.get(resource);
        if (room != null) {
          synchronized (room) {
            room.heartbeat(userId);
          }
        }
      }
      default -> {
        // a message of a newer version: ignored
      }
    }
  }

  private void leaveMirrored(String resource, String connection, String userId) {
    Room room = rooms.get(resource);
    if (room != null) {
      synchronized (room) {
        room.leave(connection, userId);
      }
      changed(room);
    }
  }

  /**
   * This node merged back after a network split, with a new id ({@code before} was its old one):
   * the others dropped its connections when the split began, and it dropped theirs. It puts its
   * connections into the cluster map again under its new id, tells the others of them again, and
   * mirrors again those the map holds.
   */
  private void merged(String before) {
    for (List<String> join : reput(cluster.map(TOPIC), before, cluster.nodeId(), shared)) {
      cluster.send(TOPIC, Math.floorMod(join.get(1).hashCode(), SHARDS), join);
    }
    seed();
  }

  /**
   * Replaces this node's entries in the cluster map: removes those under its old id {@code before}
   * (a merge may bring them back) and puts {@code own} (connection|resource → join message) under
   * its id {@code now}. Returns the join messages to send the others again.
   */
  static List<List<String>> reput(
      Map<String, String> map, String before, String now, Map<String, String> own) {
    for (String key : List.copyOf(map.keySet())) {
      if (key.startsWith(before + "/")) {
        map.remove(key);
      }
    }
    List<List<String>> joins = new ArrayList<>();
    own.forEach(
        (connectionAndResource, message) -> {
          map.put(now + "/" + connectionAndResource, message);
          joins.add(List.of(message.split(SEPARATOR, -1)));
        });
    return joins;
  }

  /** A node left the cluster (or died): its connections leave every room. */
  private void nodeLeft(String node) {
    Map<String, String> shared = cluster.map(TOPIC);
    for (String key : List.copyOf(shared.keySet())) {
      if (key.startsWith(node + "/")) {
        shared.remove(key);
      }
    }
    Map<String, String[]> gone = mirrored.remove(node);
    if (gone != null) {
      gone.forEach((connection, where) -> leaveMirrored(where[0], connection, where[1]));
    }
  }

  private static String orNull(String value) {
    return NULL.equals(value) ? null : value;
  }

  /** A closed connection leaves every room it was in. */
  public void disconnected(Subscriber connection) {
    viewsOfConnection.remove(connection.id());
    Set<String> held = roomsOfConnection.remove(connection.id());
    if (held != null) {
      held.forEach(resource -> leave(connection, resource));
    }
  }

  /** Every room with members now, and who they are (for operators). */
  public Map<String, List<PresenceUser>> rooms() {
    Map<String, List<PresenceUser>> all = new TreeMap<>();
    rooms.keySet().forEach(resource -> all.put(resource, present(resource)));
    all.values().removeIf(List::isEmpty);
    return all;
  }

  /** Who is present on a resource now. */
  public List<PresenceUser> present(String resource) {
    Room room = rooms.get(resource);
    if (room == null) {
      return List.of();
    }
    synchronized (room) {
      return room.users();
    }
  }

  void sweep() {
    long cutoff = System.currentTimeMillis() - config.presenceTimeoutMs();
    for (Room room : rooms.values()) {
      if (room.swept) {
        synchronized (room) {
          room.sweep(cutoff);
        }
        changed(room);
      }
    }
  }

  private void changed(Room room) {
    synchronized (room) {
      if (room.flushScheduled || !room.hasPending()) {
        return;
      }
      room.flushScheduled = true;
    }
    try {
      scheduler.schedule(() -> flush(room), config.presenceCoalesceMs(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // the application is stopping: announced now, or the room would wait for a flush forever
      flush(room);
    }
  }

  private void flush(Room room) {
    synchronized (room) {
      room.flushScheduled = false;
      // announced under the room's lock, so a joiner's snapshot is never overtaken
      room.drain()
          .ifPresent(
              told -> {
                for (String channel : channelsOf(room.resource)) {
                  announce(channel, room.resource, told);
                }
              });
    }
    removeIfEmpty(room);
  }

  private void removeIfEmpty(Room room) {
    rooms.computeIfPresent(
        room.resource,
        (key, current) -> {
          synchronized (current) {
            return current == room && current.isEmpty() && !current.flushScheduled ? null : current;
          }
        });
  }

  /**
   * Sends a window's announcement on one channel: to the {@code events} view each join or leave but
   * those of the subscriber's own user and those its snapshot already showed; to the {@code diff}
   * view the one diff; to the {@code count} view the new count.
   */
  private void announce(String channel, String resource, Room.Announcement told) {
    if (!told.events().isEmpty()) {
      for (Subscriber subscriber : channels.subscribers(channel)) {
        if (viewOf(subscriber, resource) == PresenceView.EVENTS) {
          tell(subscriber, channel, told);
        }
      }
    }
    told.diff()
        .ifPresent(
            diff ->
                channels.publish(
                    channel,
                    new Outbound(diff, channel, RequestIds.NONE, null),
                    subscriber -> viewOf(subscriber, resource) == PresenceView.DIFF));
    told.count()
        .ifPresent(
            count ->
                channels.publish(
                    channel,
                    new Outbound(count, channel, RequestIds.NONE, null),
                    subscriber -> viewOf(subscriber, resource) == PresenceView.COUNT));
  }

  /**
   * Sends one subscriber the window's joins and leaves it is to be told (not its own user's, not
   * those its snapshot showed): one frame alone, several packed in order into one {@code
   * batch:update}, so a burst costs each member one queued frame per window.
   */
  private static void tell(Subscriber subscriber, String channel, Room.Announcement told) {
    List<Outbound> frames = new ArrayList<>();
    for (Room.Event event : told.events()) {
      if (!event.userId().equals(subscriber.userId()) && !told.shown(subscriber.id(), event)) {
        frames.add(new Outbound(event.frame(), channel, RequestIds.NONE, null));
      }
    }
    if (frames.size() == 1) {
      subscriber.send(frames.get(0));
    } else if (frames.size() > 1) {
      List<String> encoded = new ArrayList<>(frames.size());
      for (Outbound frame : frames) {
        encoded.add(subscriber.encoder().encode(frame));
      }
      subscriber.send(
          new Outbound(
              new BatchUpdate(UUID.randomUUID().toString(), encoded), null, RequestIds.NONE, null));
    }
  }

  /** Presence frames go to {@code presence:{resource}}, and to the room itself for components. */
  static List<String> channelsOf(String resource) {
    return ChannelName.isOfKind(resource, ChannelName.Kind.COMPONENT)
        ? List.of(ChannelName.presence(resource), resource)
        : List.of(ChannelName.presence(resource));
  }
}
