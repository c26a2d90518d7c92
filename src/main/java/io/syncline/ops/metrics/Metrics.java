package io.syncline.ops.metrics;

import io.syncline.protocol.Outbound;
import io.syncline.protocol.ServerMessage;
import java.util.List;

/**
 * Every counter and histogram the server keeps, by its Prometheus name. Static so that code outside
 * CDI (send queues, connections) counts with one call; each deployment has its own (its own class
 * loader). Gauges are read from the live state when scraped ({@link MetricsServlet}).
 */
public final class Metrics {

  private static final double[] SECONDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  public static final Counter CONNECTIONS_OPENED =
      new Counter(
          "syncline_connections_opened_total",
          "Socket connections opened, by endpoint and dialect",
          "endpoint",
          "dialect");
  public static final Counter FRAMES_RECEIVED =
      new Counter(
          "syncline_frames_received_total",
          "Frames received from clients, by message type",
          "type");
  public static final Counter FRAMES_SENT =
      new Counter(
          "syncline_frames_sent_total",
          "Frames queued for clients (replies and fan-out), by message type",
          "type");
  public static final Counter DELIVERIES =
      new Counter("syncline_deliveries_total", "Channel frames queued for subscribers by fan-out");
  public static final Counter PACKED_SENDS =
      new Counter(
          "syncline_packed_sends_total",
          "Socket sends that packed a connection's backlog into one batch:update frame");
  public static final Counter PACKED_FRAMES =
      new Counter(
          "syncline_packed_frames_total",
          "Frames carried by packed sends (divided by syncline_packed_sends_total: the packing)");
  public static final Counter PACKED_SHARED =
      new Counter(
          "syncline_packed_shared_total",
          "Packed sends that reused the batch last packed for the same frames");
  public static final Histogram SEND_QUEUE_DEPTH =
      new Histogram(
          "syncline_send_queue_depth",
          "Frames waiting in a connection's send queue, as each frame is queued",
          1,
          2,
          4,
          8,
          16,
          32,
          64,
          128,
          256,
          512,
          1024,
          4096);
  public static final Counter SLOW_CONSUMERS =
      new Counter(
          "syncline_slow_consumers_closed_total",
          "Connections closed because their send queue was full");
  public static final Histogram COMMIT_TO_BROADCAST =
      new Histogram(
          "syncline_commit_to_broadcast_seconds",
          "From a change's timestamp (taken in its transaction) to its hand-off to the fan-out",
          SECONDS);
  public static final Histogram GROUP_COMMIT_BATCH =
      new Histogram(
          "syncline_group_commit_batch_size",
          "Single writes committed together in one transaction by group commit",
          1,
          2,
          4,
          8,
          16,
          32,
          64,
          128,
          256);
  public static final Counter CATCH_UP_PAGES =
      new Counter(
          "syncline_catch_up_pages_total",
          "Pages of changes served to clients catching up (sync, recovery, REST)");
  public static final Counter RESYNCS_FORCED =
      new Counter(
          "syncline_resyncs_forced_total", "Resyncs of a channel forced from the admin page");
  public static final Counter PUSHES =
      new Counter("syncline_pushes_total", "Socket pushes (record and field), by kind", "kind");
  public static final Counter CONFLICTS =
      new Counter(
          "syncline_conflicts_total",
          "Stale record writes, by the entity's conflict strategy",
          "strategy");
  public static final Counter FIELD_CONFLICTS =
      new Counter("syncline_field_conflicts_total", "Pushed fields that lost to a newer timestamp");
  public static final Counter REFUSALS =
      new Counter(
          "syncline_refusals_total",
          "Frames, requests and sockets refused (rate limits and policy), by transport and reason",
          "transport",
          "reason");
  public static final Counter JWKS_REFRESHES =
      new Counter(
          "syncline_jwks_refreshes_total",
          "Fetches of the identity provider's keys or discovery document, by outcome",
          "outcome");
  public static final Counter TOKEN_FAILURES =
      new Counter("syncline_token_failures_total", "Tokens refused, by reason", "reason");

  private static final List<Counter> COUNTERS =
      List.of(
          CONNECTIONS_OPENED,
          FRAMES_RECEIVED,
          FRAMES_SENT,
          DELIVERIES,
          PACKED_SENDS,
          PACKED_FRAMES,
          PACKED_SHARED,
          SLOW_CONSUMERS,
          CATCH_UP_PAGES,
          RESYNCS_FORCED,
          PUSHES,
          CONFLICTS,
          FIELD_CONFLICTS,
          REFUSALS,
          JWKS_REFRESHES,
          TOKEN_FAILURES);
  private static final List<Histogram> HISTOGRAMS =
      List.of(SEND_QUEUE_DEPTH, COMMIT_TO_BROADCAST, GROUP_COMMIT_BATCH);

  private Metrics() {}

  /** Counts {@code count} frames queued for clients, by the type they go out as. */
  public static void sent(Outbound frame, int count) {
    if (count > 0) {
      ServerMessage message = frame.message();
      FRAMES_SENT.add(count, message.type());
    }
  }

  /** Writes every counter and histogram. */
  static void write(PrometheusText text) {
    COUNTERS.forEach(counter -> counter.write(text));
    HISTOGRAMS.forEach(histogram -> histogram.write(text));
  }
}
