package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;

/** A client event (typing, cursor) for a channel's other subscribers. */
@MessageType("broadcast")
public record Broadcast(@NotBlank String channel, @NotBlank String event, JsonValue data)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
