package io.syncline.records;

import jakarta.json.JsonValue;

/**
 * One field of a field-level write: set to {@code value}, or {@code unset} (then {@code value} is
 * null), as of {@code timestamp} (epoch ms, the writer's clock).
 */
public record FieldWrite(String field, JsonValue value, boolean unset, long timestamp) {}
