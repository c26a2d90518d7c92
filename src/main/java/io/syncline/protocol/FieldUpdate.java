package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One field of a {@code push_fields}: set it to {@code value}, or unset it, as of {@code timestamp}
 * (ISO-8601 or epoch ms, read to the millisecond by the field-sync edge).
 */
public record FieldUpdate(
    @NotBlank(message = "is required") String field,
    JsonValue value,
    @NotNull(message = "is required")
        @Pattern(regexp = "set|unset", message = "must be set or unset")
        String action,
    @NotNull(message = "is required") JsonValue timestamp) {}
