package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * Seed 003's catch-up: everything after {@code lastSequenceNumber} (a change version), and before
 * that the versions of {@code missingRanges} (each {@code start}..{@code end}, inclusive) the
 * client lacks.
 */
@MessageType("recovery:request")
public record RecoveryRequest(
    @NotNull @PositiveOrZero Long lastSequenceNumber, List<@Valid @NotNull Range> missingRanges)
    implements ClientMessage {

  /** Versions {@code start} to {@code end}, both included. */
  public record Range(@NotNull @PositiveOrZero Long start, @NotNull @PositiveOrZero Long end) {

    @JsonbTransient
    @AssertTrue(message = "start must not be after end")
    public boolean isOrdered() {
      return start == null || end == null || start <= end;
    }
  }

  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
