package io.syncline.bench.scenario;

/** Commit to client: latency from a write's send to its change reaching each subscriber (ms). */
public record LatencyResult(
    String server,
    String database,
    int subscribers,
    double writesPerSec,
    long writes,
    double p50,
    double p99,
    double p999,
    double max,
    long lost,
    long duplicates) {}
