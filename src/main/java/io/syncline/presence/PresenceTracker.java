package io.syncline.presence;

import io.syncline.channel.ChannelManager;
import io.syncline.channel.Subscriber;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.PresenceSync;
import io.syncline.protocol.PresenceUser;
import io.syncline.protocol.RequestIds;
import io.syncline.protocol.ServerMessage;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Who is present where. A user with several tabs or devices is one member with several connections.
 * Changes are announced on {@code presence:{resource}} (and, for a {@code component:} room, on the
 * room's channel) at most once per coalescing window, so a join burst in a large room costs each
 * member a handful of frames, not one per joiner.
 */
@ApplicationScoped
public class PresenceTracker {

  @Inject private ChannelManager channels;
  @Inject private PresenceSettings settings;
  @Resource private ManagedScheduledExecutorService scheduler;

  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> roomsOfConnection = new ConcurrentHashMap<>();
  private ScheduledFuture<?> sweeper;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    long period = Math.max(250, settings.timeoutMs() / 3);
    sweeper = scheduler.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
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
  public PresenceSync join(
      Subscriber connection, String resource, boolean swept, String name, JsonObject metadata) {
    PresenceSync[] snapshot = new PresenceSync[1];
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
                snapshot[0] = target.snapshot(settings.maxListed());
              }
              return target;
            });
    roomsOfConnection
        .computeIfAbsent(connection.id(), id -> ConcurrentHashMap.newKeySet())
        .add(resource);
    changed(room);
    return snapshot[0];
  }

  public void leave(Subscriber connection, String resource) {
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
  }

  public void heartbeat(Subscriber connection, String resource) {
    Room room = rooms.get(resource);
    if (room != null) {
      synchronized (room) {
        room.heartbeat(connection.userId());
      }
    }
  }

  /** A closed connection leaves every room it was in. */
  public void disconnected(Subscriber connection) {
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
    long cutoff = System.currentTimeMillis() - settings.timeoutMs();
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
    scheduler.schedule(() -> flush(room), settings.coalesceMs(), TimeUnit.MILLISECONDS);
  }

  private void flush(Room room) {
    Optional<ServerMessage> frame;
    synchronized (room) {
      room.flushScheduled = false;
      frame = room.drain(settings.maxListed());
    }
    frame.ifPresent(
        message -> {
          for (String channel : channelsOf(room.resource)) {
            channels.publish(
                channel, new Outbound(message, channel, RequestIds.NONE, null), subscriber -> true);
          }
        });
    rooms.computeIfPresent(
        room.resource,
        (key, current) -> {
          synchronized (current) {
            return current == room && current.isEmpty() && !current.flushScheduled ? null : current;
          }
        });
  }

  /** Presence frames go to {@code presence:{resource}}, and to the room itself for components. */
  static List<String> channelsOf(String resource) {
    return resource.startsWith("component:")
        ? List.of("presence:" + resource, resource)
        : List.of("presence:" + resource);
  }
}
