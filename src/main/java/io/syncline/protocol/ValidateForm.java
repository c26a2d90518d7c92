package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;

/**
 * Validate a whole form (seed 002): {@code fields} is {@code [{field, value}, …]}, read by the
 * forms feature so that a malformed list gets an error naming what is wrong.
 */
@MessageType("validate_form")
public record ValidateForm(@NotBlank(message = "is required") String form, JsonValue fields)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
