package io.syncline.channel;

import io.syncline.config.SynclineConfig;
import io.syncline.protocol.BroadcastRelay;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.Published;
import io.syncline.protocol.RequestIds;
import io.syncline.protocol.Subscribed;
import io.syncline.protocol.Unsubscribed;
import io.syncline.security.Caller;
import io.syncline.security.ChannelPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules around the channel manager: names, policy and caps are checked before anything changes,
 * so a refused request changes nothing.
 */
@ApplicationScoped
public class ChannelService {

  private ChannelManager manager;
  private ChannelPolicy policy;
  private SynclineConfig config;
  private FeedPosition feed;
  private BroadcastLimits broadcastLimits;

  protected ChannelService() {}

  @Inject
  public ChannelService(
      ChannelManager manager,
      ChannelPolicy policy,
      SynclineConfig config,
      FeedPosition feed,
      BroadcastLimits broadcastLimits) {
    this.manager = manager;
    this.policy = policy;
    this.config = config;
    this.feed = feed;
    this.broadcastLimits = broadcastLimits;
  }

  /** Channels now subscribed, and the feed version they were subscribed at. */
  public record Subscription(List<String> channels, long version) {}

  public void connected(Subscriber subscriber) {
    manager.connected(subscriber);
  }

  /** Forgets the connection and all its subscriptions. */
  public Set<String> disconnected(Subscriber subscriber) {
    return manager.disconnected(subscriber);
  }

  /**
   * Subscribes to every named channel or to none: all names are checked, then the policy, then the
   * per-connection cap. Channels already subscribed count once and are confirmed again. Each
   * channel is confirmed with {@code subscribed {channel, version}}, sent before any change after
   * that version, so the client knows exactly where live delivery starts.
   *
   * @return the channels now subscribed, in request order, and that version
   */
  public Subscription subscribe(Subscriber subscriber, List<String> names, RequestIds ids) {
    return subscribe(subscriber, names, ids, null);
  }

  /** {@link #subscribe(Subscriber, List, RequestIds)} with options (filters, throttle). */
  public Subscription subscribe(
      Subscriber subscriber,
      List<String> names,
      RequestIds ids,
      Function<String, ChannelOptions> options) {
    List<ChannelName> channels = names.stream().map(ChannelName::parse).toList();
    channels.forEach(channel -> policy.checkSubscribe(subscriber.caller(), channel));
    Set<String> held = manager.channelsOf(subscriber);
    long added = channels.stream().filter(channel -> !held.contains(channel.value())).count();
    int max = config.maxSubscriptions();
    long counted = held.size() - (held.contains(personalRoom(subscriber)) ? 1 : 0);
    if (counted + added > max) {
      throw new ProtocolException(
          ErrorCode.LIMIT_EXCEEDED,
          "at most " + max + " subscriptions per connection (" + held.size() + " held)",
          JsonFactory.JSON
              .createObjectBuilder()
              .add("limit", max)
              .add("current", held.size())
              .build());
    }
    List<String> subscribed = channels.stream().map(ChannelName::value).toList();
    return feed.atCurrentVersion(
        () -> {
          long version = feed.currentVersion();
          for (String channel : subscribed) {
            subscriber.options(channel, options == null ? null : options.apply(channel));
            manager.add(subscriber, channel);
            // queued for the writer, not written here: the feed stays locked only for the queueing
            subscriber.sendQueued(Outbound.reply(new Subscribed(channel, version), channel, ids));
          }
          return new Subscription(subscribed, version);
        });
  }

  /**
   * Puts a connection in its user's personal room, {@code user:{id}}, without a reply: every
   * connection of a user is there, so the server can reach all its tabs. It does not count against
   * the subscription cap.
   */
  public void enterPersonalRoom(Subscriber subscriber) {
    manager.add(subscriber, personalRoom(subscriber));
  }

  private static String personalRoom(Subscriber subscriber) {
    return ChannelName.user(subscriber.userId());
  }

  /**
   * Leaves the named channels. Leaving a channel not subscribed is confirmed all the same, so the
   * request is idempotent.
   */
  public List<String> unsubscribe(Subscriber subscriber, List<String> names) {
    List<ChannelName> channels = names.stream().map(ChannelName::parse).toList();
    channels.forEach(channel -> manager.remove(subscriber, channel.value()));
    return channels.stream().map(ChannelName::value).toList();
  }

  /**
   * Checks every subscription of a connection whose rights changed (a refreshed token) and ends
   * those no longer allowed, each with {@code unsubscribed}.
   */
  public void reauthorize(Subscriber subscriber) {
    for (String channel : manager.channelsOf(subscriber)) {
      try {
        policy.checkSubscribe(subscriber.caller(), ChannelName.parse(channel));
      } catch (ProtocolException refused) {
        manager.remove(subscriber, channel);
        subscriber.send(Outbound.onChannel(channel, new Unsubscribed(channel)));
      }
    }
  }

  /** Relays a client event to the channel's other subscribers; the sender must be subscribed. */
  public int relay(Subscriber sender, String channelName, String event, JsonValue data) {
    ChannelName channel = ChannelName.parse(channelName);
    if (!manager.isSubscribed(sender, channel.value())) {
      throw new ProtocolException(
          ErrorCode.FORBIDDEN, "subscribe to '" + channel + "' before broadcasting to it");
    }
    policy.checkBroadcast(sender.caller(), channel);
    broadcastLimits.take(channel.value());
    BroadcastRelay relay =
        new BroadcastRelay(event, data, sender.userId(), System.currentTimeMillis());
    return manager.publishEverywhere(
        channel.value(), Outbound.onChannel(channel.value(), relay), to -> to != sender);
  }

  /** Delivers a back-end service's message to every subscriber of the channel. */
  public int publish(Caller caller, String channelName, Published message) {
    ChannelName channel = ChannelName.parse(channelName);
    policy.checkPublish(caller, channel);
    return manager.publishEverywhere(
        channel.value(), Outbound.onChannel(channel.value(), message), subscriber -> true);
  }
}
