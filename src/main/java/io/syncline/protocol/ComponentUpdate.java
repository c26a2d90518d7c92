package io.syncline.protocol;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Seed 001: changes to a component's top-level fields, merged into the room's state. */
@MessageType("component:update")
public record ComponentUpdate(@NotBlank String componentId, @NotNull JsonObject updates)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
