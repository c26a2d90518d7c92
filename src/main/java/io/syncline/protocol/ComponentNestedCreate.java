package io.syncline.protocol;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Seed 001: a nested component added to a row; its {@code id} names it. */
@MessageType("component:nested-create")
public record ComponentNestedCreate(
    @NotBlank String componentId, @NotBlank String rowId, @NotNull JsonObject nestedComponent)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
