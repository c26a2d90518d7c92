package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The answer to {@code validate_form} (and {@code POST /api/forms/{form}/validate}): one error per
 * failing constraint, none when valid.
 */
@MessageType("form_validation_result")
@JsonbPropertyOrder({"form", "valid", "errors"})
public record FormValidationResult(String form, boolean valid, List<FieldError> errors)
    implements ServerMessage {}
