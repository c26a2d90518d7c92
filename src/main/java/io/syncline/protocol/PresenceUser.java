package io.syncline.protocol;

import jakarta.json.JsonObject;
import java.time.Instant;

/** One user present on a resource (however many tabs or devices it is present with). */
public record PresenceUser(
    String id, String name, String email, Instant lastSeen, JsonObject metadata) {}
