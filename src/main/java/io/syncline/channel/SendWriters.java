package io.syncline.channel;

import io.syncline.config.SynclineConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that write send queues to their sockets. A publisher only queues frames and wakes the
 * writer, so a fan-out to many connections is not held up by their writes, and a connection that is
 * sent several frames before its writer gets to it has them packed into one frame. The threads come
 * from the container's managed thread factory, once, so no task pays for capturing a context.
 */
@ApplicationScoped
public class SendWriters {

  @Inject private SynclineConfig config;

  private ExecutorService executor;

  @PostConstruct
  void start() {
    int configured = config.sendWriterThreads();
    int count =
        configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
    AtomicInteger number = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            count,
            task -> {
              Thread thread = new Thread(task, "syncline-writer-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Where send queues do their writing. */
  public ExecutorService executor() {
    return executor;
  }

  /** Whether the writers take work (the liveness check). */
  public boolean running() {
    return executor != null && !executor.isShutdown();
  }

  @PreDestroy
  void stop() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
