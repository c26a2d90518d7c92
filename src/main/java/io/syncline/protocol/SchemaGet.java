package io.syncline.protocol;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * Asks for an app's schema: {@code version}, or (null) the latest; answered by {@code
 * schema:update}.
 */
@MessageType("schema:get")
public record SchemaGet(@NotBlank String app, @Positive Long version) implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
