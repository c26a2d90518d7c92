package io.syncline.protocol;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Subscribe to the field changes of whole entities (seed 002): each name {@code n} is the channel
 * {@code fields:n}, confirmed with {@code subscribed} like any other.
 */
@MessageType("subscribe_fields")
public record SubscribeFields(
    @NotNull(message = "is required") @NotEmpty(message = "must name at least one entity")
        List<@NotEmpty String> entities)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
