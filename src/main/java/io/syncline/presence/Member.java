package io.syncline.presence;

import io.syncline.protocol.PresenceUser;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** One user present in a room, with the connections (tabs, devices) it is present through. */
final class Member {

  final String userId;
  final String email;
  final Set<String> connections = new HashSet<>();
  String name;
  JsonObject metadata;
  long lastSeen;

  Member(String userId, String name, String email, JsonObject metadata) {
    this.userId = userId;
    this.name = name;
    this.email = email;
    this.metadata = metadata;
    this.lastSeen = System.currentTimeMillis();
  }

  /** The member as others see it; {@code metadata} is {@code {}} when it sent none. */
  PresenceUser view() {
    return new PresenceUser(
        userId,
        name,
        email,
        Instant.ofEpochMilli(lastSeen),
        metadata == null ? JsonValue.EMPTY_JSON_OBJECT : metadata);
  }

  /** Just the id, for a leave. */
  PresenceUser idOnly() {
    return new PresenceUser(userId, null, null, Instant.ofEpochMilli(lastSeen), null);
  }
}
