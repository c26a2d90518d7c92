package io.syncline.protocol;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Settles a conflict: keep the client's data, the server's, or the given merged data. */
@MessageType("conflict:resolve")
public record ConflictResolve(
    @NotBlank String conflictId,
    @NotBlank @Pattern(regexp = "local|remote|merged", message = "must be local, remote or merged")
        String choice,
    JsonValue data)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
