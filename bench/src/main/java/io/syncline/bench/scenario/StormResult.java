package io.syncline.bench.scenario;

/**
 * A connection storm: how fast {@code connections} clients were accepted (connected, open, one
 * subscription acknowledged), with at most {@code concurrency} connecting at once, and one
 * broadcast to all of them afterwards. Times in ms; {@code otherCpuCores}: the CPU other processes
 * used during the storm (see {@code MachineLoad}); {@code cpuMicrosPerClient}: the server's CPU
 * (user and system) while the clients connected (until the harness had them all, or gave up on
 * those that failed), per client accepted; {@code warmUps}: the warm-up storms run before it;
 * {@code compileMillis}: how long the server's JIT compiled while the clients connected (NaN for a
 * server that is not a JVM).
 */
public record StormResult(
    String server,
    int asked,
    int connections,
    int failed,
    int concurrency,
    double acceptedPerSec,
    double handshakeP50,
    double handshakeP99,
    double subscribeP50,
    double subscribeP99,
    double readyP99,
    double broadcastP50,
    double broadcastP99,
    double broadcastLast,
    long broadcastLost,
    long broadcastDuplicates,
    double otherCpuCores,
    double cpuMicrosPerClient,
    int warmUps,
    double compileMillis) {}
