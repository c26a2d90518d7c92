package io.syncline.protocol;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;

/**
 * Subscribe to one or more channels: {@code channel}, {@code channels}, seed 003's {@code
 * resources}, or seed 002's {@code entities}. Optional (seed 003): {@code filters}, equality on the
 * top-level fields of the records an entity channel delivers; {@code throttle}, in ms, coalescing
 * the frames into one {@code batch:update} at most that often. Optional on {@code schema:}
 * channels: {@code version}, the schema version the client holds; when the app's latest is newer,
 * it is sent at once. Optional on {@code presence:} and {@code component:} channels: {@code
 * presenceMode}, as for {@link PresenceJoin}.
 */
@MessageType("subscribe")
public record Subscribe(
    String channel,
    List<@NotBlank String> channels,
    List<@NotBlank String> entities,
    List<@NotBlank String> resources,
    JsonObject filters,
    @PositiveOrZero @Max(value = 60_000, message = "must be at most 60000 ms") Integer throttle,
    @PositiveOrZero Long version,
    @Pattern(regexp = PresenceJoin.MODES, message = "must be events, diff or count")
        String presenceMode)
    implements ClientMessage, ChannelTargets {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
