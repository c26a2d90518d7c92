package io.syncline.protocol;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The answer to {@code validate_field}: {@code error} is null when valid; {@code metadata} lists
 * the constraints on the field (e.g. {@code {required: true, maxLength: 200}}).
 */
@MessageType("validation_result")
@JsonbNillable
@JsonbPropertyOrder({"form", "field", "valid", "error", "metadata"})
public record ValidationResult(
    String form, String field, boolean valid, String error, JsonObject metadata)
    implements ServerMessage {}
