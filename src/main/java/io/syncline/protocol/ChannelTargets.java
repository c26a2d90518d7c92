package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.validation.constraints.AssertTrue;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A request that names channels in one of four ways: {@code channel}, {@code channels}, seed 003's
 * {@code resources} (channel names too), or seed 002's {@code entities} (each {@code n} meaning
 * {@code entity:n}).
 */
public interface ChannelTargets {

  String channel();

  List<String> channels();

  List<String> entities();

  List<String> resources();

  /** The named channels in request order, without repeats. */
  @JsonbTransient
  default List<String> targets() {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    if (channel() != null) {
      all.add(channel());
    }
    if (channels() != null) {
      all.addAll(channels());
    }
    if (resources() != null) {
      all.addAll(resources());
    }
    if (entities() != null) {
      entities().forEach(entity -> all.add(ChannelName.entity(entity)));
    }
    return List.copyOf(all);
  }

  @JsonbTransient
  @AssertTrue(message = "one of channel, channels, resources or entities is required")
  default boolean isNamingChannels() {
    return !targets().isEmpty();
  }
}
