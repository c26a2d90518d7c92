package io.syncline.channel;

import io.syncline.ops.log.EventLog;
import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.CloseCode;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ErrorMessage;
import io.syncline.protocol.FrameEncoder;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.RequestIds;
import io.syncline.security.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** One live connection: who it is, how it encodes, and its own bounded send queue. */
public final class Subscriber {

  private final String id;
  private final FrameEncoder encoder;
  private final SendQueue queue;
  private volatile Caller caller;
  private volatile Locale locale = Locale.ENGLISH;
  private volatile long lastSeenNanos = System.nanoTime();
  private final Map<String, ChannelOptions> options = new ConcurrentHashMap<>();
  private final LongAdder framesQueued = new LongAdder();

  /** A connection; {@code caller} is null until it authenticates. Frames are written inline. */
  public Subscriber(
      String id, Caller caller, FrameEncoder encoder, Transport transport, int queueCapacity) {
    this(id, caller, encoder, transport, queueCapacity, null);
  }

  /**
   * A connection whose frames are written by {@code writer}'s threads (see {@link SendWriters}).
   */
  public Subscriber(
      String id,
      Caller caller,
      FrameEncoder encoder,
      Transport transport,
      int queueCapacity,
      Executor writer) {
    this.id = id;
    this.caller = caller;
    this.encoder = encoder;
    this.queue = new SendQueue(transport, queueCapacity, encoder, writer);
  }

  public String id() {
    return id;
  }

  /** Who the connection acts as; null while it has not authenticated. */
  public Caller caller() {
    return caller;
  }

  public boolean authenticated() {
    return caller != null;
  }

  /** Sets (or refreshes) who the connection acts as. */
  public void authenticate(Caller caller) {
    this.caller = caller;
  }

  /** The language the connection's messages are in (validation messages), from its handshake. */
  public Locale locale() {
    return locale;
  }

  public void locale(Locale locale) {
    this.locale = locale == null ? Locale.ENGLISH : locale;
  }

  /** The user id, or null before authentication. */
  public String userId() {
    Caller current = caller;
    return current == null ? null : current.userId();
  }

  /** The dialect's encoder; subscribers sharing one share the encoded text of a broadcast. */
  public FrameEncoder encoder() {
    return encoder;
  }

  /** Queues a frame for this connection only. */
  public void send(Outbound frame) {
    Metrics.sent(frame, 1);
    offer(encoder.encode(frame), false);
  }

  /**
   * Queues frames for this connection only, in order, as one offer (all or, past the queue's
   * capacity, none: the connection is then too slow): a page of catch-up. They go out packed into
   * few sends where the dialect packs.
   */
  public void sendAll(List<Outbound> frames) {
    List<String> texts = new ArrayList<>(frames.size());
    for (Outbound frame : frames) {
      Metrics.sent(frame, 1);
      texts.add(encoder.encode(frame));
    }
    if (queue.offerAll(texts, false)) {
      framesQueued.add(texts.size());
    } else {
      tooSlow();
    }
  }

  /**
   * Queues a frame for this connection, to be written by a writer thread rather than this one; it
   * still goes out in order with everything else queued for the connection, and frames queued
   * together before the writer gets to them go out packed where the dialect packs.
   */
  public void sendQueued(Outbound frame) {
    Metrics.sent(frame, 1);
    offer(encoder.encode(frame), true);
  }

  /**
   * Queues already-encoded text of a fan-out, written by a writer thread; a connection whose queue
   * is full is dropped as too slow.
   */
  void deliver(String text) {
    offer(text, true);
  }

  private void offer(String text, boolean fromOthers) {
    if (queue.offer(text, fromOthers)) {
      framesQueued.increment();
    } else {
      tooSlow();
    }
  }

  private void tooSlow() {
    Metrics.SLOW_CONSUMERS.inc();
    EventLog.warn("slow_consumer_closed", "connection", id, "user", userId(), "queued", queued());
    queue.abort(CloseCode.SLOW_CONSUMER, "send queue full");
  }

  /** Closes after the frames already queued, e.g. after an error frame that explains why. */
  public void close(CloseCode code, String reason) {
    queue.finish(code, reason);
  }

  /** Sends the error that explains why, then closes with {@code code}. */
  public void closeWith(ProtocolException reason, RequestIds ids, CloseCode code) {
    send(Outbound.reply(ErrorMessage.of(reason), ids));
    close(code, reason.code().wireName());
  }

  /** Ends the connection if its token has expired; returns whether it did. */
  public boolean endIfExpired() {
    Caller current = caller;
    if (current == null || !current.expired(Instant.now())) {
      return false;
    }
    closeWith(
        new ProtocolException(ErrorCode.UNAUTHENTICATED, "the token has expired"),
        RequestIds.NONE,
        CloseCode.POLICY_VIOLATION);
    return true;
  }

  /** Closes now, dropping whatever is queued. */
  public void abort(CloseCode code, String reason) {
    queue.abort(code, reason);
  }

  /**
   * Closes now if a close asked for over {@code graceMillis} before {@code now} (a nano time) is
   * still waiting for a send that does not complete; returns whether it did.
   */
  public boolean abortIfCloseOverdue(long now, long graceMillis) {
    return queue.abortIfCloseOverdue(now, graceMillis);
  }

  /** The options of one of its subscriptions, or null for a plain one. */
  ChannelOptions options(String channel) {
    return options.isEmpty() ? null : options.get(channel);
  }

  void options(String channel, ChannelOptions channelOptions) {
    if (channelOptions == null || channelOptions.isPlain()) {
      options.remove(channel);
    } else {
      options.put(channel, channelOptions);
    }
  }

  /** Frames waiting in its send queue now. */
  public int queued() {
    return queue.size();
  }

  /** Frames queued for it since it opened. */
  public long framesQueued() {
    return framesQueued.sum();
  }

  /** Records that the client was heard from. */
  public void touch() {
    lastSeenNanos = System.nanoTime();
  }

  /** Milliseconds from when the client was last heard from to {@code now} (a nano time). */
  public long silentMillis(long now) {
    return TimeUnit.NANOSECONDS.toMillis(now - lastSeenNanos);
  }

  @Override
  public String toString() {
    return "Subscriber[" + id + ", " + userId() + "]";
  }
}
