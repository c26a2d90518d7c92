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
    boolean heapResident,
    String note) {

  /**
   * What one idle connection costs the server, in bytes: the growth of its RSS, plus, for a JVM
   * whose heap was resident from the start (so that the RSS cannot show it), of its heap in use.
   */
  public double perConnection() {
    return rssPerConnection() + (heapResident ? Math.max(0, heapPerConnection()) : 0);
  }

  public double rssPerConnection() {
    return connections == 0 ? 0 : (rssAfter - rssBefore) / (double) connections;
  }

  public double heapPerConnection() {
    return connections == 0 || heapBefore < 0 || heapAfter < 0
        ? -1
        : (heapAfter - heapBefore) / (double) connections;
  }
}
