package io.syncline.ops.metrics;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A distribution over fixed upper bounds (Prometheus's cumulative {@code _bucket}s). */
public final class Histogram {

  private final String name;
  private final String help;
  private final double[] bounds;
  private final LongAdder[] buckets;
  private final DoubleAdder sum = new DoubleAdder();
  private final LongAdder count = new LongAdder();

  Histogram(String name, String help, double... bounds) {
    this.name = name;
    this.help = help;
    this.bounds = bounds.clone();
    this.buckets = new LongAdder[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  public void observe(double value) {
    for (int i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]) {
        buckets[i].increment();
        break;
      }
    }
    sum.add(value);
    count.increment();
  }

  /** The bucket counts now (not cumulative), the last one past every bound. */
  public long[] snapshot() {
    long[] counts = new long[bounds.length + 1];
    long inBounds = 0;
    for (int i = 0; i < bounds.length; i++) {
      counts[i] = buckets[i].sum();
      inBounds += counts[i];
    }
    counts[bounds.length] = Math.max(0, count.sum() - inBounds);
    return counts;
  }

  /**
   * The upper bound of the bucket holding the {@code q} quantile of {@code counts} (as from {@link
   * #snapshot()}, or the difference of two), +Inf past the last bound, NaN if empty.
   */
  public double quantile(long[] counts, double q) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < bounds.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return bounds[i];
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  public long count() {
    return count.sum();
  }

  /** The {@code q} quantile of everything observed (see {@link #quantile(long[], double)}). */
  public double quantile(double q) {
    return quantile(snapshot(), q);
  }

  void write(PrometheusText text) {
    text.header(name, help, "histogram");
    long cumulative = 0;
    for (int i = 0; i < bounds.length; i++) {
      cumulative += buckets[i].sum();
      text.sample(
          name + "_bucket", List.of("le"), List.of(PrometheusText.number(bounds[i])), cumulative);
    }
    text.sample(name + "_bucket", List.of("le"), List.of("+Inf"), count.sum());
    text.sample(name + "_sum", List.of(), List.of(), sum.sum());
    text.sample(name + "_count", List.of(), List.of(), count.sum());
  }
}
