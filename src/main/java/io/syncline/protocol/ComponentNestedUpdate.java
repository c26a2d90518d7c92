package io.syncline.protocol;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Seed 001: changes to one nested component of a row, merged into the room's state. */
@MessageType("component:nested-update")
public record ComponentNestedUpdate(
    @NotBlank String componentId,
    @NotBlank String rowId,
    @NotBlank String nestedComponentId,
    @NotNull JsonObject updates)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
