package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;

/** Validate one value of a form's field, e.g. as the user types (seed 002). */
@MessageType("validate_field")
public record ValidateField(
    @NotBlank(message = "is required") String form,
    @NotBlank(message = "is required") String field,
    JsonValue value)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
