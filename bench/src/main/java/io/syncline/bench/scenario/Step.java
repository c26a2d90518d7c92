package io.syncline.bench.scenario;

/**
 * One offered rate held for a step: what was offered and delivered (deliveries per second, a
 * delivery being one message reaching one subscriber), latency in ms, loss, and server CPU.
 */
public record Step(
    double offeredPerSec,
    double deliveredPerSec,
    double p50,
    double p99,
    double p999,
    double max,
    long lost,
    long duplicates,
    int closed,
    long frames,
    double serverCpuMicrosPerDelivery,
    double serverCpuCores) {}
