package io.syncline.protocol;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Joins the presence of a resource; joining again updates the name and metadata. {@code
 * presenceMode} (an extension, docs/presence.md): {@code events} (the default), {@code diff} or
 * {@code count}.
 */
@MessageType("presence:join")
public record PresenceJoin(
    @NotBlank String resource,
    String name,
    JsonObject metadata,
    @Pattern(regexp = PresenceJoin.MODES, message = "must be events, diff or count")
        String presenceMode)
    implements ClientMessage {

  /** The presence views a client may ask for. */
  public static final String MODES = "events|diff|count";

  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
