package io.syncline.presence;

import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.PresenceDiff;
import io.syncline.protocol.PresenceJoined;
import io.syncline.protocol.PresenceLeft;
import io.syncline.protocol.PresenceSync;
import io.syncline.protocol.PresenceUser;
import io.syncline.protocol.ServerMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The members of one resource, and what happened since the last announcement, kept for each {@link
 * PresenceView}: the ordered joins and leaves ({@code events}), the coalesced changes ({@code
 * diff}), and whether the count moved ({@code count}). Its methods are called under the room's
 * lock.
 */
final class Room {

  /** A join or leave not yet announced: {@code seq} orders it against the joiners' snapshots. */
  record Event(long seq, String userId, ServerMessage frame) {}

  /** What one coalescing window announces. */
  record Announcement(
      List<Event> events,
      Optional<PresenceDiff> diff,
      Optional<PresenceSync> count,
      Map<String, Long> shown) {

    /**
     * Whether a connection must not be sent the event: its snapshot (taken when it joined) already
     * showed it, or it is about to join and its snapshot will.
     */
    boolean shown(String connection, Event event) {
      Long upTo = shown.get(connection);
      return upTo != null && upTo >= event.seq();
    }
  }

  final String resource;
  final boolean swept;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final List<Event> events = new ArrayList<>();

  /** For each joined or joining connection, the last event its snapshot showed. */
  private final Map<String, Long> shown = new HashMap<>();

  private final Map<String, PresenceUser> joins = new LinkedHashMap<>();
  private final Map<String, PresenceUser> leaves = new LinkedHashMap<>();
  private final Map<String, PresenceUser> updates = new LinkedHashMap<>();
  private long seq;
  private boolean countMoved;
  boolean flushScheduled;

  /** {@code swept}: members must send heartbeats (explicit joins); rooms follow subscriptions. */
  Room(String resource, boolean swept) {
    this.resource = resource;
    this.swept = swept;
  }

  /** Adds a connection of a user; true if the user was not present before. */
  boolean join(String connection, String userId, String name, String email, JsonObject metadata) {
    Member member = members.get(userId);
    if (member == null) {
      member = new Member(userId, name == null ? userId : name, email, metadata);
      member.connections.add(connection);
      members.put(userId, member);
      if (leaves.remove(userId) == null) {
        joins.put(userId, member.view());
      } else {
        updates.put(userId, member.view());
      }
      announce(userId, new PresenceJoined(resource, member.view()), false);
      countMoved = true;
      shown.put(connection, seq);
      return true;
    }
    member.connections.add(connection);
    member.lastSeen = System.currentTimeMillis();
    boolean renamed = name != null && !name.equals(member.name);
    if (name != null) {
      member.name = name;
    }
    boolean changed = metadata != null && !metadata.equals(member.metadata);
    if (changed) {
      JsonObject diff = diff(member.metadata, metadata);
      member.metadata = metadata;
      PresenceUser update =
          new PresenceUser(userId, member.name, null, Instant.ofEpochMilli(member.lastSeen), diff);
      if (joins.containsKey(userId)) {
        joins.put(userId, member.view());
      } else {
        updates.merge(userId, update, Room::mergeUpdates);
      }
    }
    if (changed || renamed) {
      announce(userId, new PresenceJoined(resource, member.view()), true);
    }
    shown.put(connection, seq);
    return false;
  }

  /**
   * A connection subscribed to the room's channel and about to join: it is sent nothing until its
   * snapshot, which will show everything until then.
   */
  void expect(String connection) {
    shown.put(connection, Long.MAX_VALUE);
  }

  /** A connection that was expected and will not join after all. */
  void forget(String connection) {
    shown.remove(connection);
  }

  /** Removes a connection; the user leaves when its last connection goes. */
  void leave(String connection, String userId) {
    shown.remove(connection);
    Member member = members.get(userId);
    if (member == null || !member.connections.remove(connection) || !member.connections.isEmpty()) {
      return;
    }
    remove(member);
  }

  void heartbeat(String userId) {
    Member member = members.get(userId);
    if (member != null) {
      member.lastSeen = System.currentTimeMillis();
    }
  }

  /** Removes members not heard from since {@code cutoff}; returns their connections. */
  List<String> sweep(long cutoff) {
    List<String> gone = new ArrayList<>();
    for (Member member : List.copyOf(members.values())) {
      if (member.lastSeen < cutoff) {
        gone.addAll(member.connections);
        member.connections.forEach(shown::remove);
        remove(member);
      }
    }
    return gone;
  }

  private void remove(Member member) {
    members.remove(member.userId);
    updates.remove(member.userId);
    if (joins.remove(member.userId) == null) {
      leaves.put(member.userId, member.idOnly());
    }
    announce(member.userId, new PresenceLeft(resource, member.idOnly()), false);
    countMoved = true;
  }

  /**
   * Queues a join or leave. A member's newer state replaces its join still waiting in this window
   * (a burst of metadata changes is one {@code presence:join}); the ordered joins and leaves of
   * different members stay as they happened.
   */
  private void announce(String userId, ServerMessage frame, boolean update) {
    seq++;
    if (update) {
      for (int i = events.size() - 1; i >= 0; i--) {
        Event earlier = events.get(i);
        if (earlier.userId().equals(userId)) {
          if (earlier.frame() instanceof PresenceJoined) {
            events.set(i, new Event(seq, userId, frame));
            return;
          }
          break;
        }
      }
    }
    events.add(new Event(seq, userId, frame));
  }

  boolean hasPending() {
    return !events.isEmpty();
  }

  boolean isEmpty() {
    return members.isEmpty() && !hasPending() && shown.isEmpty();
  }

  /** What a joiner is told: everyone, or only how many in the {@code count} view. */
  PresenceSync snapshot(PresenceView view) {
    return view == PresenceView.COUNT
        ? new PresenceSync(resource, null, members.size())
        : new PresenceSync(resource, users(), members.size());
  }

  List<PresenceUser> users() {
    return members.values().stream().map(Member::view).toList();
  }

  /** What happened since the last announcement, if anything did, for each view. */
  Optional<Announcement> drain() {
    if (!hasPending()) {
      return Optional.empty();
    }
    Optional<PresenceDiff> diff =
        joins.isEmpty() && leaves.isEmpty() && updates.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new PresenceDiff(
                    resource,
                    List.copyOf(joins.values()),
                    List.copyOf(leaves.values()),
                    List.copyOf(updates.values())));
    Optional<PresenceSync> count =
        countMoved
            ? Optional.of(new PresenceSync(resource, null, members.size()))
            : Optional.empty();
    Announcement announcement =
        new Announcement(List.copyOf(events), diff, count, Map.copyOf(shown));
    events.clear();
    joins.clear();
    leaves.clear();
    updates.clear();
    countMoved = false;
    return Optional.of(announcement);
  }

  /** The keys whose values changed, a removed key as null. */
  static JsonObject diff(JsonObject before, JsonObject after) {
    JsonObjectBuilder diff = JsonFactory.JSON.createObjectBuilder();
    JsonObject old = before == null ? JsonValue.EMPTY_JSON_OBJECT : before;
    after.forEach(
        (key, value) -> {
          if (!Objects.equals(old.get(key), value)) {
            diff.add(key, value);
          }
        });
    old.keySet().stream().filter(key -> !after.containsKey(key)).forEach(diff::addNull);
    return diff.build();
  }

  private static PresenceUser mergeUpdates(PresenceUser earlier, PresenceUser later) {
    JsonObjectBuilder metadata = JsonFactory.JSON.createObjectBuilder(earlier.metadata());
    later.metadata().forEach(metadata::add);
    return new PresenceUser(later.id(), later.name(), null, later.lastSeen(), metadata.build());
  }
}
