package io.syncline.protocol;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Seed 003's {@code authz:check}: may the caller do {@code action} ({@code subscribe}, {@code
 * broadcast}, {@code publish} or {@code write}) on {@code resource} (a channel name, {@code
 * entity:{Name}} for writes)? {@code context} is, for a write, the record to be written. Answered
 * by {@link AuthzResult}; nothing is done.
 */
@MessageType("authz:check")
public record AuthzCheck(
    @NotBlank String resource,
    @NotBlank
        @Pattern(
            regexp = "subscribe|broadcast|publish|write",
            message = "must be subscribe, broadcast, publish or write")
        String action,
    JsonObject context)
    implements ClientMessage {

  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
