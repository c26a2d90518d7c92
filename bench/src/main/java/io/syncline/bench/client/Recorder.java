package io.syncline.bench.client;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What subscribers received during one step: latency of every stamped message, and per connection
 * which sequence numbers arrived, for loss and duplicates. Used on the subscriber thread only.
 */
public final class Recorder implements FrameListener, Stamps.Sink {

  /** The longest latency recorded; longer ones count as this. */
  static final long MAX_MICROS = 120_000_000L;

  private final long baseSeq;
  private final BitSet[] seen;
  private final Histogram latency = new Histogram(MAX_MICROS, 3);
  /** Latency by the second (of arrival, from the recorder's creation) it arrived in. */
  private final List<Histogram> perSecond = new ArrayList<>();
  private final Broadcasts broadcasts = new Broadcasts();
  private final long createdNanos = System.nanoTime();
  private long received;
  private long duplicates;
  private long late;
  private long frames;
  private long firstNanos;
  private long lastNanos;
  private int closed;
  private BitSet current;
  private long now;

  /** Counts messages numbered from {@code baseSeq} on connections indexed below {@code conns}. */
  public Recorder(long baseSeq, int conns) {
    this.baseSeq = baseSeq;
    this.seen = new BitSet[conns];
  }

  @Override
  public void frame(Conn conn, ByteBuf content) {
    frames++;
    now = System.nanoTime();
    if (conn.index >= seen.length) {
      return;
    }
    BitSet bits = seen[conn.index];
    if (bits == null) {
      bits = seen[conn.index] = new BitSet();
    }
    current = bits;
    if (Stamps.scan(content, this) > 0) {
      if (firstNanos == 0) {
        firstNanos = now;
      }
      lastNanos = now;
    }
  }

  @Override
  public void stamp(long seq, long sentNanos) {
    if (seq < baseSeq) {
      late++;
      return;
    }
    int index = (int) (seq - baseSeq);
    boolean duplicate = current.get(index);
    if (duplicate) {
      duplicates++;
    } else {
      current.set(index);
    }
    received++;
    long micros = Math.max(0, Math.min(MAX_MICROS, (now - sentNanos) / 1000));
    latency.recordValue(micros);
    if (!duplicate) {
      broadcasts.arrived(index, micros);
    }
    int second = (int) Math.min(3600, Math.max(0, (now - createdNanos) / 1_000_000_000L));
    while (perSecond.size() <= second) {
      perSecond.add(new Histogram(MAX_MICROS, 2));
    }
    perSecond.get(second).recordValue(micros);
  }

  @Override
  public void closed(Conn conn) {
    closed++;
  }

  /** Messages received so far (duplicates included). */
  public long received() {
    return received;
  }

  /** The step's figures, given how many messages each of {@code subscribers} should have had. */
  public Delivery summary(long sentPerSubscriber, int subscribers) {
    long distinct = received - duplicates;
    long expected = sentPerSubscriber * subscribers;
    Broadcasts.Spread spread = broadcasts.spread(subscribers);
    return new Delivery(
        expected,
        received,
        Math.max(0, expected - distinct),
        duplicates,
        late,
        frames,
        closed,
        latency.getValueAtPercentile(50) / 1000.0,
        latency.getValueAtPercentile(99) / 1000.0,
        latency.getValueAtPercentile(99.9) / 1000.0,
        latency.getMaxValue() / 1000.0,
        lastNanos - firstNanos,
        perSecond.stream()
            .map(h -> h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0)
            .toList(),
        spread.firstMillis(50),
        spread.lastMillis(50),
        spread.lastMillis(99));
  }

  /**
   * What arrived in a step. Latencies in milliseconds; {@code p99PerSecond}: p99 of what arrived
   * in each second from the recorder's start (0 for a second in which nothing arrived); {@code
   * firstP50}: the median over messages of when the first subscriber had one; {@code lastP50} and
   * {@code lastP99}: of when the last one did, over the messages every subscriber had (with one
   * message to many subscribers, when a broadcast had reached them all).
   */
  public record Delivery(
      long expected,
      long received,
      long lost,
      long duplicates,
      long late,
      long frames,
      int closed,
      double p50,
      double p99,
      double p999,
      double max,
      long spanNanos,
      List<Double> p99PerSecond,
      double firstP50,
      double lastP50,
      double lastP99) {}
}
