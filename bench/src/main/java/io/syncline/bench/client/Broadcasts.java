package io.syncline.bench.client;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * When each message of a step first and last arrived, over all its subscribers: the latency of its
 * first delivery and of its last. A broadcast's p99 over deliveries mixes how long one broadcast
 * takes to reach everyone with how often a broadcast is held up; these two tell them apart. Used on
 * the subscriber thread only.
 */
final class Broadcasts {

  /** Messages tracked per step; later ones are not (a step sends far fewer). */
  private static final int MAX_MESSAGES = 1 << 20;

  private long[] firstMicros = new long[1024];
  private long[] lastMicros = new long[1024];
  private boolean[] arrived = new boolean[1024];

  /** Message {@code index} (from the step's first) reached a subscriber after {@code micros}. */
  void arrived(int index, long micros) {
    if (index < 0 || index >= MAX_MESSAGES) {
      return;
    }
    if (index >= arrived.length) {
      int size = Math.min(MAX_MESSAGES, Math.max(index + 1, arrived.length * 2));
      firstMicros = Arrays.copyOf(firstMicros, size);
      lastMicros = Arrays.copyOf(lastMicros, size);
      arrived = Arrays.copyOf(arrived, size);
    }
    if (!arrived[index]) {
      arrived[index] = true;
      firstMicros[index] = micros;
      lastMicros[index] = micros;
    } else {
      firstMicros[index] = Math.min(firstMicros[index], micros);
      lastMicros[index] = Math.max(lastMicros[index], micros);
    }
  }

  /** Latencies of each message's first and of its last delivery. */
  Spread spread(long maxMicros) {
    Histogram first = new Histogram(maxMicros, 3);
    Histogram last = new Histogram(maxMicros, 3);
    for (int i = 0; i < arrived.length; i++) {
      if (arrived[i]) {
        first.recordValue(Math.min(maxMicros, firstMicros[i]));
        last.recordValue(Math.min(maxMicros, lastMicros[i]));
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
