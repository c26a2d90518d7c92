package io.syncline.protocol;

import jakarta.validation.constraints.NotBlank;

/** Seed 001: a nested component removed from a row. */
@MessageType("component:nested-delete")
public record ComponentNestedDelete(
    @NotBlank String componentId, @NotBlank String rowId, @NotBlank String nestedComponentId)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
