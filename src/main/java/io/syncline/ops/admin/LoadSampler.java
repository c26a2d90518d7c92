package io.syncline.ops.admin;

import io.syncline.ops.metrics.Gauges;
import io.syncline.ops.metrics.Metrics;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Samples the metrics every {@code syncline.admin.sample-interval-ms} and keeps the last 15
 * minutes, for the admin page's plots. Its own thread, as the change sequencer's: WildFly refuses
 * scheduled tasks while it suspends before an undeploy.
 */
@ApplicationScoped
public class LoadSampler {

  private static final long WINDOW_MS = TimeUnit.MINUTES.toMillis(15);

  @Inject private Gauges gauges;
  @Resource private ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "syncline.admin.sample-interval-ms", defaultValue = "2000")
  long intervalMs;

  private final Deque<Sample> samples = new ArrayDeque<>();
  private volatile boolean running;
  private Thread thread;
  private long lastTime = System.currentTimeMillis();
  private long lastDeliveries;
  private long lastRefusals;
  private long[] lastLatency = Metrics.COMMIT_TO_BROADCAST.snapshot();

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    running = true;
    thread = threads.newThread(this::run);
    thread.setName("syncline-admin-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(250, intervalMs)));
      if (running) {
        sample();
      }
    }
  }

  synchronized void sample() {
    long now = System.currentTimeMillis();
    long deliveries = Metrics.DELIVERIES.total();
    long refusals = Metrics.REFUSALS.total();
    long[] latency = Metrics.COMMIT_TO_BROADCAST.snapshot();
    long[] delta = new long[latency.length];
    for (int i = 0; i < latency.length; i++) {
      delta[i] = latency[i] - lastLatency[i];
    }
    double p99 = Metrics.COMMIT_TO_BROADCAST.quantile(delta, 0.99);
    double seconds = Math.max(0.001, (now - lastTime) / 1000.0);
    samples.addLast(
        new Sample(
            now,
            gauges.connectionCount(),
            (deliveries - lastDeliveries) / seconds,
            Double.isNaN(p99) ? null : (Double.isInfinite(p99) ? 10_000.0 : p99 * 1000),
            gauges.maxSendQueueDepth(),
            refusals - lastRefusals));
    while (!samples.isEmpty() && samples.peekFirst().time() < now - WINDOW_MS) {
      samples.removeFirst();
    }
    lastTime = now;
    lastDeliveries = deliveries;
    lastRefusals = refusals;
    lastLatency = latency;
  }

  /** The samples of the last 15 minutes, oldest first. */
  public synchronized List<Sample> samples() {
    return new ArrayList<>(samples);
  }

  public long intervalMs() {
    return intervalMs;
  }

  @PreDestroy
  void stop() {
    running = false;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }
}
