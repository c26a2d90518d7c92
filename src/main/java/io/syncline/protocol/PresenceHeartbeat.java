package io.syncline.protocol;

import jakarta.validation.constraints.NotBlank;

/** Keeps this user present on a resource ({@code lastSeen} is refreshed). */
@MessageType("presence:heartbeat")
public record PresenceHeartbeat(@NotBlank String resource) implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
