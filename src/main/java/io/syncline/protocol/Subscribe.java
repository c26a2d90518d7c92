package io.syncline.protocol;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * Subscribe to one or more channels: {@code channel}, {@code channels}, or seed 002's {@code
 * entities}. Optional (seed 003): {@code filters}, equality on the top-level fields of the records
 * an entity channel delivers; {@code throttle}, in ms, coalescing the frames into one {@code
 * batch:update} at most that often. Optional on {@code schema:} channels: {@code version}, the
 * schema version the client holds; when the app's latest is newer, it is sent at once.
 */
@MessageType("subscribe")
public record Subscribe(
    String channel,
    List<@NotBlank String> channels,
    List<@NotBlank String> entities,
    JsonObject filters,
    @PositiveOrZero @Max(value = 60_000, message = "must be at most 60000 ms") Integer throttle,
    @PositiveOrZero Long version)
    implements ClientMessage, ChannelTargets {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
