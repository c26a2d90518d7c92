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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The members of one resource, and the changes not yet announced: joins, leaves and metadata
 * updates that happen within one coalescing window go out as one frame. Its methods are called
 * under the room's lock.
 */
final class Room {

  final String resource;
  final boolean swept;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, PresenceUser> joins = new LinkedHashMap<>();
  private final Map<String, PresenceUser> leaves = new LinkedHashMap<>();
  private final Map<String, PresenceUser> updates = new LinkedHashMap<>();
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
      return true;
    }
    member.connections.add(connection);
    member.lastSeen = System.currentTimeMillis();
    if (name != null) {
      member.name = name;
    }
    if (metadata != null && !metadata.equals(member.metadata)) {
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
    return false;
  }

  /** Removes a connection; the user leaves when its last connection goes. */
  void leave(String connection, String userId) {
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
  }

  boolean hasPending() {
    return !joins.isEmpty() || !leaves.isEmpty() || !updates.isEmpty();
  }

  boolean isEmpty() {
    return members.isEmpty() && !hasPending();
  }

  /** What a joiner is told: everyone, or only the count above {@code maxListed}. */
  PresenceSync snapshot(int maxListed) {
    return members.size() > maxListed
        ? new PresenceSync(resource, null, members.size())
        : new PresenceSync(resource, users(), members.size());
  }

  List<PresenceUser> users() {
    return members.values().stream().map(Member::view).toList();
  }

  /** The frame announcing what happened since the last one, if anything did. */
  Optional<ServerMessage> drain(int maxListed) {
    if (!hasPending()) {
      return Optional.empty();
    }
    ServerMessage frame;
    if (members.size() > maxListed) {
      frame = new PresenceSync(resource, null, members.size());
    } else if (joins.size() == 1 && leaves.isEmpty() && updates.isEmpty()) {
      frame = new PresenceJoined(resource, joins.values().iterator().next());
    } else if (leaves.size() == 1 && joins.isEmpty() && updates.isEmpty()) {
      frame = new PresenceLeft(resource, leaves.values().iterator().next());
    } else {
      frame =
          new PresenceDiff(
              resource,
              List.copyOf(joins.values()),
              List.copyOf(leaves.values()),
              List.copyOf(updates.values()));
    }
    joins.clear();
    leaves.clear();
    updates.clear();
    return Optional.of(frame);
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
