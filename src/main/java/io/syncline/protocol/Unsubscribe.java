package io.syncline.protocol;

import jakarta.validation.constraints.NotBlank;
import java.util.List;

/** Leave one or more channels, named as in {@link Subscribe}. */
@MessageType("unsubscribe")
public record Unsubscribe(
    String channel,
    List<@NotBlank String> channels,
    List<@NotBlank String> entities,
    List<@NotBlank String> resources)
    implements ClientMessage, ChannelTargets {
  @Override
  public void accept(Visitor visitor) {
    visitor.visit(this);
  }
}
