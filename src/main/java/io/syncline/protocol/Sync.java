package io.syncline.protocol;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Asks for the changes after version {@code since}, of one entity or (entity null) of all. */
@MessageType("sync")
public record Sync(String entity, @NotNull @PositiveOrZero Long since) implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
