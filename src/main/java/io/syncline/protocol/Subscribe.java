package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

/**
 * Subscribe to one or more channels: {@code channel}, {@code channels}, or seed 002's {@code
 * entities}.
 */
@MessageType("subscribe")
public record Subscribe(
    String channel, List<@NotBlank String> channels, List<@NotBlank String> entities)
    implements ClientMessage {

  /** The channels asked for, in order. */
  @JsonbTransient
  public List<String> targets() {
    return ChannelTargets.of(channel, channels, entities);
  }

  @JsonbTransient
  @AssertTrue(message = "one of channel, channels or entities is required")
  public boolean isNamingChannels() {
    return !targets().isEmpty();
  }
}
