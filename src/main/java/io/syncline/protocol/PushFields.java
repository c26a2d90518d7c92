package io.syncline.protocol;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * A client's field-level write (seed 002): each field is judged on its own by its timestamp, last
 * writer wins, and the whole push is one transaction.
 */
@MessageType("push_fields")
public record PushFields(
    @NotBlank(message = "is required") String entity,
    @NotBlank(message = "is required") String entityId,
    @NotNull(message = "is required") @NotEmpty(message = "must name at least one field")
        List<@NotNull(message = "must be objects") @Valid FieldUpdate> fields)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
