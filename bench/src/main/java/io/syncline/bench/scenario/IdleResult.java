package io.syncline.bench.scenario;

/** Idle connections: how fast they were set up and what each costs the server, in bytes. */
public record IdleResult(
    String server,
    int connections,
    int failures,
    double connectsPerSec,
    long rssBefore,
    long rssAfter,
    long heapBefore,
    long heapAfter,
    String note) {

  public double rssPerConnection() {
    return connections == 0 ? 0 : (rssAfter - rssBefore) / (double) connections;
  }

  public double heapPerConnection() {
    return connections == 0 || heapBefore < 0 || heapAfter < 0
        ? -1
        : (heapAfter - heapBefore) / (double) connections;
  }
}
