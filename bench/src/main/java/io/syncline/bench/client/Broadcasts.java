package io.syncline.bench.client;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * When each message of a step reached its first and its last subscriber: the latency of its first
 * delivery and of its last. A step's p99 over deliveries mixes how long one broadcast takes to
 * reach everyone with how often a broadcast is held up; these two tell them apart. Latencies come
 * in already clamped by {@link Recorder}. Used on the subscriber thread only.
 */
final class Broadcasts {

  /** Messages tracked per step (a step of any profile sends far fewer); later ones are not. */
  private static final int MAX_MESSAGES = 1 << 20;

  private long[] firstMicros = new long[1024];
  private long[] lastMicros = new long[1024];
  private int[] receipts = new int[1024];

  /**
   * Message {@code index} (counted from the step's first) reached one more subscriber, for the first
   * time, after {@code micros}.
   */
  void arrived(int index, long micros) {
    if (index < 0 || index >= MAX_MESSAGES) {
      return;
    }
    if (index >= receipts.length) {
      int size = Math.min(MAX_MESSAGES, Math.max(index + 1, receipts.length * 2));
      firstMicros = Arrays.copyOf(firstMicros, size);
      lastMicros = Arrays.copyOf(lastMicros, size);
      receipts = Arrays.copyOf(receipts, size);
    }
    if (receipts[index]++ == 0) {
      firstMicros[index] = micros;
      lastMicros[index] = micros;
    } else {
      firstMicros[index] = Math.min(firstMicros[index], micros);
      lastMicros[index] = Math.max(lastMicros[index], micros);
    }
  }

  /**
   * Latencies of each message's first delivery, and of the last delivery of each message that all
   * {@code subscribers} had (one that some missed never reached everyone).
   */
  Spread spread(int subscribers) {
    Histogram first = new Histogram(Recorder.MAX_MICROS, 3);
    Histogram last = new Histogram(Recorder.MAX_MICROS, 3);
    for (int i = 0; i < receipts.length; i++) {
      if (receipts[i] > 0) {
        first.recordValue(firstMicros[i]);
      }
      if (receipts[i] >= subscribers) {
        last.recordValue(lastMicros[i]);
      }
    }
    return new Spread(first, last);
  }

  /** Per message: when its first and its last subscriber had it. */
  record Spread(Histogram first, Histogram last) {

    /** Milliseconds at percentile {@code p} of the first deliveries. */
    double firstMillis(double p) {
      return millis(first, p);
    }

    /** Milliseconds at percentile {@code p} of the last deliveries. */
    double lastMillis(double p) {
      return millis(last, p);
    }

    private static double millis(Histogram h, double p) {
      return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1000.0;
    }
  }
}
