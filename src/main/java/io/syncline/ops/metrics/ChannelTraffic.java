package io.syncline.ops.metrics;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Frames delivered per channel, for the admin page's busiest channels (not a Prometheus label:
 * channel names are unbounded). Forgets everything past {@value #MAX_CHANNELS} channels.
 */
public final class ChannelTraffic {

  /** A channel and the frames delivered on it. */
  public record Busy(String channel, long delivered) {}

  private static final int MAX_CHANNELS = 10_000;
  private static final Map<String, LongAdder> DELIVERED = new ConcurrentHashMap<>();

  private ChannelTraffic() {}

  public static void delivered(String channel, int subscribers) {
    if (subscribers == 0) {
      return;
    }
    if (DELIVERED.size() > MAX_CHANNELS) {
      DELIVERED.clear();
    }
    DELIVERED.computeIfAbsent(channel, name -> new LongAdder()).add(subscribers);
  }

  /** The {@code limit} channels with the most deliveries. */
  public static List<Busy> busiest(int limit) {
    return DELIVERED.entrySet().stream()
        .map(entry -> new Busy(entry.getKey(), entry.getValue().sum()))
        .sorted(Comparator.comparingLong(Busy::delivered).reversed())
        .limit(limit)
        .toList();
  }
}
