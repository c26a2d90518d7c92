package io.syncline.protocol;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotBlank;

/** Joins the presence of a resource; joining again updates the name and metadata. */
@MessageType("presence:join")
public record PresenceJoin(@NotBlank String resource, String name, JsonObject metadata)
    implements ClientMessage {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
