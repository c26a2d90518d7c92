package io.syncline.protocol;

import jakarta.validation.constraints.NotBlank;
import java.util.List;

/**
 * Subscribe to one or more channels: {@code channel}, {@code channels}, or seed 002's {@code
 * entities}.
 */
@MessageType("subscribe")
public record Subscribe(
    String channel, List<@NotBlank String> channels, List<@NotBlank String> entities)
    implements ClientMessage, ChannelTargets {}
