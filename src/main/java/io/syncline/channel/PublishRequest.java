package io.syncline.channel;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The body of {@code POST /api/channels/{channel}/messages}. */
public record PublishRequest(
    @NotBlank(message = "is required")
        @Pattern(
            regexp = "[A-Za-z0-9_:.-]{1,100}",
            message = "must be 1-100 of A-Z a-z 0-9 _ : . -")
        String type,
    JsonValue payload) {}
