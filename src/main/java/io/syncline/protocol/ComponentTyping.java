package io.syncline.protocol;

import jakarta.validation.constraints.NotBlank;

/** Seed 001: the sender is typing in a component. */
@MessageType("component:typing")
public record ComponentTyping(@NotBlank String componentId) implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
