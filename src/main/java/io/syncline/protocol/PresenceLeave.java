package io.syncline.protocol;

import jakarta.validation.constraints.NotBlank;

/** Leaves the presence of a resource. */
@MessageType("presence:leave")
public record PresenceLeave(@NotBlank String resource) implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
