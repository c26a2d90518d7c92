package io.syncline.channel;

import io.syncline.cluster.Cluster;
import io.syncline.config.SynclineConfig;
import io.syncline.protocol.RateLimitedException;
import io.syncline.security.RateBuckets;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A cap on the client-event rate of each channel, so one room cannot flood its members. */
@ApplicationScoped
public class BroadcastLimits {

  private final RateBuckets buckets = new RateBuckets();

  @Inject private SynclineConfig config;
  @Inject private Cluster cluster;
  private int perSecond;

  protected BroadcastLimits() {}

  @PostConstruct
  void configure() {
    perSecond = config.broadcastsPerSecond();
  }

  /** Fixed limits, for code that runs without CDI. */
  public BroadcastLimits(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Takes one broadcast from the channel's allowance, or refuses with {@code rate_limited}. */
  void take(String channel) {
    int nodes = cluster == null ? 1 : cluster.nodes().size(); // null only outside a container
    long wait = buckets.take(channel, nodes, perSecond, perSecond * 2);
    if (wait > 0) {
      throw new RateLimitedException(
          "channel '" + channel + "' is over " + perSecond + " broadcasts a second",
          wait,
          perSecond);
    }
  }
}
