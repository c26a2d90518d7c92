package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A client's write. {@code update} data is merged into the record (JSON merge patch); {@code
 * baseVersion} is the version the client last saw; {@code mutationId} makes retries safe.
 */
@MessageType("push")
public record Push(
    @NotBlank String entity,
    @NotBlank String entityId,
    @NotNull ChangeAction action,
    JsonValue data,
    Long baseVersion,
    String mutationId)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
