package io.syncline.protocol;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The three ways a request names channels: {@code channel}, {@code channels}, seed 002 {@code
 * entities}.
 */
final class ChannelTargets {

  private ChannelTargets() {}

  /**
   * The named channels in request order, without repeats; {@code entities} become {@code
   * entity:{name}}.
   */
  static List<String> of(String channel, List<String> channels, List<String> entities) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    if (channel != null) {
      all.add(channel);
    }
    if (channels != null) {
      all.addAll(channels);
    }
    if (entities != null) {
      entities.forEach(entity -> all.add("entity:" + entity));
    }
    return List.copyOf(new ArrayList<>(all));
  }
}
