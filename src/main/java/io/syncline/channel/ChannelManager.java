package io.syncline.channel;

import io.syncline.ops.metrics.ChannelTraffic;
import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.FrameEncoder;
import io.syncline.protocol.Outbound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The one registry of live connections and their subscriptions, and the fan-out over them. Reads
 * are public; changes go through {@link ChannelService}, which applies the rules first.
 */
@ApplicationScoped
public class ChannelManager {

  @Inject private ClusterBus bus;

  private final Map<String, Subscriber> connections = new ConcurrentHashMap<>();
  private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
  private final Map<Subscriber, Set<String>> channels = new ConcurrentHashMap<>();

  /** Every live connection. */
  public Collection<Subscriber> connections() {
    return Collections.unmodifiableCollection(connections.values());
  }

  /** The subscribers of a channel, possibly none. */
  public Set<Subscriber> subscribers(String channel) {
    Set<Subscriber> set = subscribers.get(channel);
    return set == null ? Set.of() : Collections.unmodifiableSet(set);
  }

  /** The channels a connection is subscribed to. */
  public Set<String> channelsOf(Subscriber subscriber) {
    Set<String> set = channels.get(subscriber);
    return set == null ? Set.of() : Collections.unmodifiableSet(set);
  }

  public boolean isSubscribed(Subscriber subscriber, String channel) {
    return channelsOf(subscriber).contains(channel);
  }

  /**
   * Delivers a frame to a channel's subscribers, except {@code sender} (may be null). The frame is
   * encoded once per dialect in use, not once per subscriber; no subscriber can slow another.
   *
   * @return how many subscribers it was queued for
   */
  public int publish(String channel, Outbound frame, Subscriber sender) {
    return publish(channel, frame, subscriber -> subscriber != sender);
  }

  /** Delivers a frame to those of a channel's subscribers that {@code to} accepts. */
  public int publish(String channel, Outbound frame, Predicate<Subscriber> to) {
    Set<Subscriber> targets = subscribers.get(channel);
    if (targets == null) {
      return 0;
    }
    Encodings encoded = new Encodings(frame);
    int delivered = 0;
    for (Subscriber target : targets) {
      if (!to.test(target)) {
        continue;
      }
      ChannelOptions options = target.options(channel);
      if (options == null) {
        target.deliver(encoded.in(target.encoder()));
        delivered++;
      } else if (options.accepts(frame)) {
        options.deliver(frame, encoded.in(target.encoder()), target);
        delivered++;
      }
    }
    Metrics.DELIVERIES.add(delivered);
    ChannelTraffic.delivered(channel, delivered);
    Metrics.sent(frame, delivered);
    return delivered;
  }

  /**
   * {@link #publish(String, Outbound, Predicate)} here, and to every subscriber of the channel on
   * the other nodes of the cluster ({@code to} is this node's choice only: there every subscriber
   * gets it). For frames that happen on one node: relays, published messages, schema updates.
   * Entity changes are not sent this way: every node's sequencer delivers them itself.
   */
  public int publishEverywhere(String channel, Outbound frame, Predicate<Subscriber> to) {
    int delivered = publish(channel, frame, to);
    if (bus != null) { // null only outside a container
      bus.send(channel, frame);
    }
    return delivered;
  }

  /**
   * Delivers a frame another node published, already encoded per dialect (by encoder class name),
   * to every subscriber of the channel here.
   */
  void deliverRemote(String channel, Map<String, String> textByEncoder) {
    deliverEncoded(channel, textByEncoder, subscriber -> true);
  }

  /**
   * Delivers a frame already encoded per dialect (by encoder class name, see {@link
   * ClusterBus#encoded}) to those of the channel's subscribers here that {@code to} accepts.
   */
  public void deliverEncoded(
      String channel, Map<String, String> textByEncoder, Predicate<Subscriber> to) {
    Set<Subscriber> targets = subscribers.get(channel);
    if (targets == null) {
      return;
    }
    int delivered = 0;
    for (Subscriber target : targets) {
      if (!to.test(target)) {
        continue;
      }
      String text = textByEncoder.get(target.encoder().getClass().getName());
      if (text == null) {
        continue;
      }
      ChannelOptions options = target.options(channel);
      if (options == null) {
        target.deliver(text);
      } else {
        options.deliver((String) null, text, target);
      }
      delivered++;
    }
    Metrics.DELIVERIES.add(delivered);
    ChannelTraffic.delivered(channel, delivered);
  }

  void connected(Subscriber subscriber) {
    connections.put(subscriber.id(), subscriber);
  }

  /** Forgets a connection and every subscription it held; returns those channels. */
  Set<String> disconnected(Subscriber subscriber) {
    connections.remove(subscriber.id());
    Set<String> held = channels.remove(subscriber);
    if (held == null) {
      return Set.of();
    }
    held.forEach(channel -> removeFromChannel(subscriber, channel));
    return Set.copyOf(held);
  }

  /** Returns false if it was subscribed already. */
  boolean add(Subscriber subscriber, String channel) {
    boolean added =
        channels.computeIfAbsent(subscriber, s -> ConcurrentHashMap.newKeySet()).add(channel);
    if (added) {
      subscribers.compute(
          channel,
          (name, set) -> {
            Set<Subscriber> result = set == null ? ConcurrentHashMap.newKeySet() : set;
            result.add(subscriber);
            return result;
          });
    }
    return added;
  }

  /** Returns false if it was not subscribed. */
  boolean remove(Subscriber subscriber, String channel) {
    Set<String> held = channels.get(subscriber);
    if (held == null || !held.remove(channel)) {
      return false;
    }
    subscriber.options(channel, null);
    removeFromChannel(subscriber, channel);
    return true;
  }

  private void removeFromChannel(Subscriber subscriber, String channel) {
    subscribers.computeIfPresent(
        channel,
        (name, set) -> {
          set.remove(subscriber);
          return set.isEmpty() ? null : set;
        });
  }

  /**
   * One frame's text in each dialect its subscribers use, encoded on first need. Nearly every
   * subscriber uses the same dialect, so the last one asked for is answered without a look-up.
   */
  private static final class Encodings {
    private final Outbound frame;
    private final Map<FrameEncoder, String> texts = new IdentityHashMap<>(4);
    private FrameEncoder lastEncoder;
    private String lastText;

    Encodings(Outbound frame) {
      this.frame = frame;
    }

    String in(FrameEncoder encoder) {
      if (encoder != lastEncoder) {
        String text = texts.get(encoder);
        if (text == null) {
          text = encoder.encode(frame);
          texts.put(encoder, text);
        }
        lastEncoder = encoder;
        lastText = text;
      }
      return lastText;
    }
  }
}
