package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

/** Leave one or more channels, named as in {@link Subscribe}. */
@MessageType("unsubscribe")
public record Unsubscribe(
    String channel, List<@NotBlank String> channels, List<@NotBlank String> entities)
    implements ClientMessage {

  /** The channels to leave, in order. */
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
