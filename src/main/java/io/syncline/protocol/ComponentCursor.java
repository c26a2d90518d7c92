package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;

/** Seed 001: the sender's cursor in a component ({@code entityType}, {@code entityId} optional). */
@MessageType("component:cursor")
public record ComponentCursor(
    @NotBlank String componentId, String entityType, String entityId, JsonValue position)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
