package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One failing constraint of a form's field. */
@JsonbPropertyOrder({"field", "error"})
public record FieldError(String field, String error) {}
