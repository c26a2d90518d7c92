package io.syncline.channel;

import io.syncline.protocol.RateLimitedException;
import io.syncline.security.RateBuckets;
import io.syncline.security.TokenBucket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A cap on the client-event rate of each channel, so one room cannot flood its members. */
@ApplicationScoped
public class BroadcastLimits {

  private final RateBuckets buckets = new RateBuckets();

  @Inject
  @ConfigProperty(name = "syncline.rate.channel-broadcast.per-second", defaultValue = "100")
  int perSecond;

  protected BroadcastLimits() {}

  /** Fixed limits, for code that runs without CDI. */
  public BroadcastLimits(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Takes one broadcast from the channel's allowance, or refuses with {@code rate_limited}. */
  void take(String channel) {
    long wait = buckets.take(channel, () -> new TokenBucket(perSecond, perSecond * 2));
    if (wait > 0) {
      throw new RateLimitedException(
          "channel '" + channel + "' is over " + perSecond + " broadcasts a second",
          wait,
          perSecond);
    }
  }
}
