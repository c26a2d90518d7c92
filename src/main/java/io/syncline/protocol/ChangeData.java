package io.syncline.protocol;

import jakarta.json.JsonValue;
import java.time.Instant;

/** One committed change, as the change log holds it and {@code change} frames carry it. */
public record ChangeData(
    String entity,
    String entityId,
    ChangeAction action,
    JsonValue data,
    long version,
    Instant timestamp,
    String actor) {}
