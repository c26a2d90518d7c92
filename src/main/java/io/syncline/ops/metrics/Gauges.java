package io.syncline.ops.metrics;

import io.syncline.change.catchup.ChangeQueries;
import io.syncline.change.sequencer.ChangeSequencer;
import io.syncline.channel.ChannelManager;
import io.syncline.channel.Subscriber;
import io.syncline.cluster.Cluster;
import io.syncline.ops.connections.LiveConnection;
import io.syncline.ops.connections.LiveConnections;
import io.syncline.presence.PresenceTracker;
import io.syncline.protocol.PresenceUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The figures read from the live state when metrics are scraped (or the admin page samples). */
@ApplicationScoped
public class Gauges {

  @Inject private LiveConnections live;
  @Inject private ChannelManager channels;
  @Inject private PresenceTracker presence;
  @Inject private ChangeQueries queries;
  @Inject private ChangeSequencer sequencer;
  @Inject private Cluster cluster;

  /** Open connections by endpoint and dialect. */
  public Map<List<String>, Long> connections() {
    Map<List<String>, Long> counts =
        new TreeMap<>((a, b) -> String.join("/", a).compareTo(String.join("/", b)));
    for (LiveConnection connection : live.all()) {
      counts.merge(List.of(connection.endpoint(), connection.dialect()), 1L, Long::sum);
    }
    return counts;
  }

  public long connectionCount() {
    return live.all().size();
  }

  public long subscriptions() {
    long total = 0;
    for (Subscriber subscriber : channels.connections()) {
      total += channels.channelsOf(subscriber).size();
    }
    return total;
  }

  public long maxSendQueueDepth() {
    long max = 0;
    for (Subscriber subscriber : channels.connections()) {
      max = Math.max(max, subscriber.queued());
    }
    return max;
  }

  public Map<String, List<PresenceUser>> presenceRooms() {
    return presence.rooms();
  }

  /** The change log's head, or -1 when the database does not answer. */
  public long changeLogVersion() {
    try {
      return queries.lastVersion();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  public long deliveredVersion() {
    return sequencer.currentVersion();
  }

  void write(PrometheusText text) {
    text.header(
        "syncline_connections", "Open socket connections, by endpoint and dialect", "gauge");
    connections()
        .forEach(
            (labels, count) ->
                text.sample("syncline_connections", List.of("endpoint", "dialect"), labels, count));
    text.gauge(
        "syncline_subscriptions",
        "Channel subscriptions held by open connections",
        subscriptions());
    text.gauge(
        "syncline_send_queue_depth_max",
        "The fullest send queue now, in frames",
        maxSendQueueDepth());
    Map<String, List<PresenceUser>> rooms = presenceRooms();
    text.gauge("syncline_presence_rooms", "Presence rooms with members", rooms.size());
    text.gauge(
        "syncline_presence_members",
        "Members of presence rooms, summed over rooms",
        rooms.values().stream().mapToLong(List::size).sum());
    long head = changeLogVersion();
    long delivered = deliveredVersion();
    text.gauge("syncline_change_log_version", "The newest committed change version", head);
    text.gauge(
        "syncline_sequencer_lag",
        "Committed versions the change sequencer has not delivered yet",
        Math.max(0, head - delivered));
    text.header(
        "syncline_cluster_dropped_total",
        "Cluster messages (relays, published messages, presence) dropped unsent because a send"
            + " queue was full",
        "counter");
    text.sample("syncline_cluster_dropped_total", List.of(), List.of(), cluster.dropped());
  }
}
