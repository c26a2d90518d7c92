package io.syncline.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the core settings are read (MicroProfile Config): every limit, rate and interval, with its
 * default, and {@link #setting} for keys made per entity. docs/configuration.md lists them all.
 * Each key is read in exactly one place: this class, or the settings of a feature that owns keys of
 * its own prefix ({@code syncline.auth.*}/{@code mp.jwt.*}: AuthSettings; {@code syncline.rooms.*}:
 * ComponentSettings; {@code syncline.log.*}, {@code syncline.health.*}, {@code syncline.admin.*}:
 * the ops classes). Payara's pool data source reads {@code syncline.db.*} itself, because the
 * server makes it before CDI exists.
 */
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
  @ConfigProperty(name = "syncline.longpoll.idle-ms", defaultValue = "30000")
  long longPollIdleMs;

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
  @ConfigProperty(name = "syncline.rate.channel-broadcast.per-second", defaultValue = "100")
  int broadcastsPerSecond;

  @Inject
  @ConfigProperty(name = "syncline.rate.rest.per-second", defaultValue = "20")
  int restPerSecond;

  @Inject
  @ConfigProperty(name = "syncline.rate.rest.burst", defaultValue = "100")
  int restBurst;

  @Inject
  @ConfigProperty(name = "syncline.rate.rest.service.per-second", defaultValue = "2000")
  int serviceRestPerSecond;

  @Inject
  @ConfigProperty(name = "syncline.rate.rest.service.burst", defaultValue = "4000")
  int serviceRestBurst;

  @Inject
  @ConfigProperty(name = "syncline.send.writer-threads", defaultValue = "0")
  int sendWriterThreads;

  @Inject
  @ConfigProperty(name = "syncline.send.hand-over", defaultValue = "true")
  boolean sendHandOver;

  @Inject
  @ConfigProperty(name = "syncline.send.window-kb", defaultValue = "1024")
  int sendWindowKb;

  @Inject
  @ConfigProperty(name = "syncline.deflate.enabled", defaultValue = "true")
  boolean deflateEnabled;

  @Inject
  @ConfigProperty(name = "syncline.deflate.min-bytes", defaultValue = "256")
  int deflateMinBytes;

  @Inject
  @ConfigProperty(name = "syncline.presence.timeout-ms", defaultValue = "30000")
  long presenceTimeoutMs;

  @Inject
  @ConfigProperty(name = "syncline.presence.coalesce-ms", defaultValue = "100")
  long presenceCoalesceMs;

  @Inject
  @ConfigProperty(name = "syncline.schemas.max-bytes", defaultValue = "65536")
  int schemaMaxBytes;

  @Inject
  @ConfigProperty(name = "syncline.schemas.max-fields", defaultValue = "200")
  int schemaMaxFields;

  @Inject
  @ConfigProperty(name = "syncline.schemas.compatibility", defaultValue = "backward")
  String schemaCompatibility;

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
    this.longPollIdleMs = 30_000;
    this.messagesPerSecond = 50;
    this.messageBurst = 100;
    this.abuseThreshold = 200;
    this.maxClockSkewMs = 60_000;
    this.maxJsonDepth = 16;
    this.maxStringLength = 16384;
    this.maxArrayLength = 1000;
    this.broadcastsPerSecond = 100;
    this.restPerSecond = 20;
    this.restBurst = 100;
    this.serviceRestPerSecond = 2000;
    this.serviceRestBurst = 4000;
    this.sendWriterThreads = 0;
    this.sendHandOver = true;
    this.sendWindowKb = 1024;
    this.deflateEnabled = true;
    this.deflateMinBytes = 256;
    this.presenceTimeoutMs = 30_000;
    this.presenceCoalesceMs = 100;
    this.schemaMaxBytes = 65_536;
    this.schemaMaxFields = 200;
    this.schemaCompatibility = "backward";
  }

  /**
   * A setting whose key is made at run time, such as {@code syncline.policy.entity.{Entity}.read}
   * or {@code syncline.conflicts.{Entity}}; read when asked, so it needs no CDI.
   */
  public static Optional<String> setting(String key) {
    return ConfigProvider.getConfig().getOptionalValue(key, String.class);
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

  /**
   * The largest text message a socket assembles from frames, or inflates from a compressed one:
   * four frames' worth, at least 16 KB.
   */
  public int maxMessageBytes() {
    return Math.max(maxFrameBytes * 4, 16 * 1024);
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

  /**
   * How long a long-poll session may go without a request (and without a poll waiting) before it is
   * closed as a dropped socket is.
   */
  public long longPollIdleMs() {
    return longPollIdleMs;
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

  /** Client events one channel may relay per second (twice that at once). */
  public int broadcastsPerSecond() {
    return broadcastsPerSecond;
  }

  /** REST requests a user may make per second, on average. */
  public int restPerSecond() {
    return restPerSecond;
  }

  /** REST requests a user may make at once before the per-second rate applies. */
  public int restBurst() {
    return restBurst;
  }

  /** The per-second REST rate of back-end services (role {@code service} or {@code admin}). */
  public int serviceRestPerSecond() {
    return serviceRestPerSecond;
  }

  /** The REST burst of back-end services. */
  public int serviceRestBurst() {
    return serviceRestBurst;
  }

  /** Threads that write to sockets; 0 means one per processor. */
  public int sendWriterThreads() {
    return sendWriterThreads;
  }

  /**
   * Whether sends on Tyrus (Payara) go through the session's send writer, which does not re-arm the
   * container's idle timer, for fifteen sends in sixteen (docs/performance.md).
   */
  public boolean sendHandOver() {
    return sendHandOver;
  }

  /**
   * How many characters a socket's client may be sent and not have read (shown by its pongs) before
   * its sends wait; 0 for no limit (docs/performance.md).
   */
  public long sendWindowChars() {
    return sendWindowKb * 1024L;
  }

  /**
   * Whether a socket whose client offers {@code permessage-deflate} gets it (docs/protocol.md,
   * "Compression").
   */
  public boolean deflateEnabled() {
    return deflateEnabled;
  }

  /** Frames shorter than this (UTF-8 bytes) go uncompressed where the container lets us choose. */
  public int deflateMinBytes() {
    return deflateMinBytes;
  }

  /** A member who joined with {@code presence:join} and sends no heartbeat for this long leaves. */
  public long presenceTimeoutMs() {
    return presenceTimeoutMs;
  }

  /** Presence changes are announced once per window (docs/presence.md). */
  public long presenceCoalesceMs() {
    return presenceCoalesceMs;
  }

  /** The largest schema accepted, in UTF-8 bytes of its JSON. */
  public int schemaMaxBytes() {
    return schemaMaxBytes;
  }

  /** The most fields (or columns) one schema may list. */
  public int schemaMaxFields() {
    return schemaMaxFields;
  }

  /** The compatibility mode of an app that has not chosen one, as configured (its wire name). */
  public String schemaCompatibility() {
    return schemaCompatibility;
  }

  /** The JSON limits every client frame must keep. */
  public JsonLimits jsonLimits() {
    return new JsonLimits(maxJsonDepth, maxStringLength, maxArrayLength);
  }
}
