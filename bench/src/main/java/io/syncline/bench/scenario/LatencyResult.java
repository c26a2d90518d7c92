package io.syncline.bench.scenario;

import java.util.List;

/**
 * Commit to client: latency from a write's send to its change reaching each subscriber (ms); the
 * frames that carried the changes, and the CPU (cores) the server, other processes and the load
 * generator used meanwhile; p99 of what arrived in each second of the measured phase, and when that
 * phase started (epoch ms), to match its seconds with a server's GC log.
 */
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
    long duplicates,
    long frames,
    double serverCpuCores,
    double otherCpuCores,
    double generatorCpuCores,
    List<Double> p99PerSecond,
    long startedAtMillis) {}
