package io.syncline.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every limit and interval, with its default; docs/configuration.md lists them. */
@ApplicationScoped
public class SynclineConfig {

  /** The protocol version announced in {@code connection:established}. */
  public static final String PROTOCOL_VERSION = "1";

  @Inject
  @ConfigProperty(name = "syncline.heartbeat.interval-ms", defaultValue = "25000")
  long heartbeatIntervalMs;

  @Inject
  @ConfigProperty(name = "syncline.subscriptions.max-per-connection", defaultValue = "50")
  int maxSubscriptions;

  @Inject
  @ConfigProperty(name = "syncline.frame.max-bytes", defaultValue = "65536")
  int maxFrameBytes;

  @Inject
  @ConfigProperty(name = "syncline.send-queue.max-frames", defaultValue = "1024")
  int sendQueueFrames;

  @Inject
  @ConfigProperty(name = "syncline.sync.page-size", defaultValue = "500")
  int syncPageSize;

  @Inject
  @ConfigProperty(name = "syncline.poll.timeout-ms", defaultValue = "25000")
  long pollTimeoutMs;

  @Inject
  @ConfigProperty(name = "syncline.rate.connection.per-second", defaultValue = "50")
  int messagesPerSecond;

  @Inject
  @ConfigProperty(name = "syncline.rate.connection.burst", defaultValue = "100")
  int messageBurst;

  @Inject
  @ConfigProperty(name = "syncline.rate.abuse-threshold", defaultValue = "200")
  int abuseThreshold;

  @Inject
  @ConfigProperty(name = "syncline.fields.max-clock-skew-ms", defaultValue = "60000")
  long maxClockSkewMs;

  @Inject
  @ConfigProperty(name = "syncline.json.max-depth", defaultValue = "16")
  int maxJsonDepth;

  @Inject
  @ConfigProperty(name = "syncline.json.max-string-length", defaultValue = "16384")
  int maxStringLength;

  @Inject
  @ConfigProperty(name = "syncline.json.max-array-length", defaultValue = "1000")
  int maxArrayLength;

  protected SynclineConfig() {}

  /** Fixed settings, for code that runs without CDI (tests, tools). */
  public SynclineConfig(
      long heartbeatIntervalMs, int maxSubscriptions, int maxFrameBytes, int sendQueueFrames) {
    this.heartbeatIntervalMs = heartbeatIntervalMs;
    this.maxSubscriptions = maxSubscriptions;
    this.maxFrameBytes = maxFrameBytes;
    this.sendQueueFrames = sendQueueFrames;
    this.syncPageSize = 500;
    this.pollTimeoutMs = 25_000;
    this.messagesPerSecond = 50;
    this.messageBurst = 100;
    this.abuseThreshold = 200;
    this.maxClockSkewMs = 60_000;
    this.maxJsonDepth = 16;
    this.maxStringLength = 16384;
    this.maxArrayLength = 1000;
  }

  /** How often clients should ping; a connection silent for twice this is closed. */
  public long heartbeatIntervalMs() {
    return heartbeatIntervalMs;
  }

  public int maxSubscriptions() {
    return maxSubscriptions;
  }

  /** The largest text frame accepted, in UTF-8 bytes. */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** Frames a connection may have waiting before it is dropped as a slow consumer. */
  public int sendQueueFrames() {
    return sendQueueFrames;
  }

  /**
   * Most changes one {@code sync} or REST catch-up answers at once; the socket also keeps it under
   * half the send queue, so a catch-up never trips the slow-consumer limit.
   */
  public int syncPageSize() {
    return syncPageSize;
  }

  /** The longest a long-poll request waits for a change. */
  public long pollTimeoutMs() {
    return pollTimeoutMs;
  }

  /** Frames a connection may send per second, on average. */
  public int messagesPerSecond() {
    return messagesPerSecond;
  }

  /** Frames a connection may send at once before the per-second rate applies. */
  public int messageBurst() {
    return messageBurst;
  }

  /** Refused frames within ten seconds after which a connection is closed with 1008. */
  public int abuseThreshold() {
    return abuseThreshold;
  }

  /**
   * How far ahead of the server's clock a pushed field's timestamp may be; a later one is refused,
   * so that one client with a wrong clock cannot freeze a field.
   */
  public long maxClockSkewMs() {
    return maxClockSkewMs;
  }

  /** The JSON limits every client frame must keep. */
  public JsonLimits jsonLimits() {
    return new JsonLimits(maxJsonDepth, maxStringLength, maxArrayLength);
  }
}
