package io.syncline.protocol;

import java.util.Set;

/**
 * A subscription took effect. {@code version} is the last change delivered before it did: every
 * later change on the channel follows live, none before it does.
 *
 * <p>Encoded by hand, the same in both dialects (its field names have no case to change): it is
 * queued while the change feed is held still, so every subscribe waits for the one before it to
 * encode its reply, and a connection storm queued behind Yasson.
 */
@MessageType("subscribed")
public record Subscribed(String channel, Long version) implements ServerMessage, EncodedPayload {

  @Override
  public String payloadJson() {
    StringBuilder out =
        new StringBuilder(40 + (channel == null ? 0 : channel.length())).append('{');
    if (channel != null) {
      out.append("\"channel\":").append(JsonText.quote(channel));
    }
    if (version != null) {
      out.append(channel == null ? "" : ",").append("\"version\":").append(version);
    }
    return out.append('}').toString();
  }

  @Override
  public Set<String> payloadFields() {
    if (channel == null) {
      return version == null ? Set.of() : Set.of("version");
    }
    return version == null ? Set.of("channel") : Set.of("channel", "version");
  }
}
