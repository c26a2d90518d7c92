package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Seed 003's catch-up: everything after {@code lastSequenceNumber} (a change version). */
@MessageType("recovery:request")
public record RecoveryRequest(
    @NotNull @PositiveOrZero Long lastSequenceNumber, JsonValue missingRanges)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
