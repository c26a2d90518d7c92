package io.syncline.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * One shard's messages waiting to be published, at most {@code capacity}: if Hazelcast stalls, the
 * queue fills and further messages are dropped and counted rather than kept without bound. The
 * {@code dropped} callback is called at most once per {@code logPeriodNanos}, with the total count.
 */
final class OutgoingQueue {

  private final BlockingQueue<String[]> queue;
  private final AtomicLong dropped;
  private final LongSupplier nanoTime;
  private final long logPeriodNanos;
  private final LongConsumer onDropped;
  private final AtomicLong lastLogged = new AtomicLong();
  private volatile boolean loggedOnce;

  OutgoingQueue(
      int capacity,
      AtomicLong dropped,
      LongSupplier nanoTime,
      long logPeriodNanos,
      LongConsumer onDropped) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.dropped = dropped;
    this.nanoTime = nanoTime;
    this.logPeriodNanos = logPeriodNanos;
    this.onDropped = onDropped;
  }

  /** Queues a message; false (and counted) if the queue is full. */
  boolean offer(String[] message) {
    if (queue.offer(message)) {
      return true;
    }
    long total = dropped.incrementAndGet();
    long now = nanoTime.getAsLong();
    long last = lastLogged.get();
    if ((!loggedOnce || now - last >= logPeriodNanos) && lastLogged.compareAndSet(last, now)) {
      loggedOnce = true;
      onDropped.accept(total);
    }
    return false;
  }

  /**
   * Waits for the next message and returns it with those queued behind it, {@code max} at most, in
   * order.
   */
  List<String[]> take(int max) throws InterruptedException {
    List<String[]> batch = new ArrayList<>(Math.min(max, 16));
    batch.add(queue.take());
    queue.drainTo(batch, max - 1);
    return batch;
  }

  /** Queues a message even if the queue is full (the stop marker). */
  void force(String[] message) {
    queue.clear();
    queue.offer(message);
  }

  int size() {
    return queue.size();
  }
}
