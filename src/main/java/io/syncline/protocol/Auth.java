package io.syncline.protocol;

import jakarta.validation.constraints.NotBlank;

/** Authenticates the connection, or refreshes its token (seed 003). */
@MessageType("auth")
public record Auth(@NotBlank String token) implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
