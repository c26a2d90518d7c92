package io.syncline.channel;

import io.syncline.config.SynclineConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that write send queues to their sockets. A publisher only queues frames and wakes the
 * writer, so a fan-out to many connections is not held up by their writes, and a connection that is
 * sent several frames before its writer gets to it has them packed into one frame. The threads come
 * from the container's managed thread factory ({@code java:comp/DefaultManagedThreadFactory}), all
 * created at start, so they carry the application's context and no task pays for capturing one: a
 * plain {@link ThreadPoolExecutor} over them, not a managed executor service. One thread per core
 * the JVM may use unless {@code syncline.send.writer-threads} says otherwise.
 */
@ApplicationScoped
public class SendWriters {

  @Inject private SynclineConfig config;
  @Resource private ManagedThreadFactory threads;

  private ThreadPoolExecutor executor;

  @PostConstruct
  void start() {
    int configured = config.sendWriterThreads();
    int count =
        configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
    AtomicInteger number = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            count,
            count,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = threads.newThread(task);
              thread.setName("syncline-writer-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    // all now, while the bean is created, not later on whichever thread first offers a frame
    executor.prestartAllCoreThreads();
  }

  /** How many writer threads there are. */
  public int threads() {
    return executor.getCorePoolSize();
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
