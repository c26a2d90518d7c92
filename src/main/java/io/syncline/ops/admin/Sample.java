package io.syncline.ops.admin;

/**
 * The load at one moment: open connections, deliveries per second and refusals since the previous
 * sample, the p99 commit → broadcast latency (ms, bucket bound; null with no change) and the
 * fullest send queue.
 */
public record Sample(
    long time,
    long connections,
    double deliveriesPerSecond,
    Double p99LatencyMs,
    long maxQueueDepth,
    long refusals) {}
