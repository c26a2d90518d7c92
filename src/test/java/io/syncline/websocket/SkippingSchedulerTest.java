package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tyrus's idle-timeout task of a session without an idle timeout is dropped; that task with a
 * timeout, and every other task, reaches the executor underneath ({@link TyrusIdleTimer}).
 */
class SkippingSchedulerTest {

  private final ScheduledThreadPoolExecutor managed = new ScheduledThreadPoolExecutor(1);
  private final SkippingScheduler scheduler = new SkippingScheduler(managed);

  @AfterEach
  void stop() {
    managed.shutdownNow();
  }

  /** The task Tyrus schedules to re-arm a session's idle timer (its class, from tyrus-core). */
  private static Runnable idleTimeoutTask() throws ReflectiveOperationException {
    Class<?> task = Class.forName(SkippingScheduler.IDLE_TIMEOUT_TASK);
    Constructor<?> constructor = task.getDeclaredConstructors()[0];
    constructor.setAccessible(true);
    return (Runnable) constructor.newInstance((Object) null);
  }

  @Test
  void anIdleTimerWithoutATimeoutReachesNoExecutor() throws Exception {
    ScheduledFuture<?> future = scheduler.schedule(idleTimeoutTask(), 0, TimeUnit.MILLISECONDS);

    assertTrue(future.isDone());
    assertFalse(future.cancel(true));
    assertEquals(0, managed.getTaskCount());
  }

  @Test
  void anIdleTimerWithATimeoutIsScheduled() throws Exception {
    ScheduledFuture<?> future = scheduler.schedule(idleTimeoutTask(), 60, TimeUnit.SECONDS);

    assertFalse(future.isDone());
    assertEquals(1, managed.getQueue().size());
    assertTrue(future.cancel(false));
  }

  @Test
  void otherTasksRunEvenWithoutADelay() throws Exception {
    CountDownLatch ran = new CountDownLatch(2);

    scheduler.schedule(ran::countDown, 0, TimeUnit.MILLISECONDS);
    scheduler.execute(ran::countDown);

    assertTrue(ran.await(10, TimeUnit.SECONDS));
  }

  /** Tyrus's container keeps its managed executor in a private final field of a superclass. */
  static class Container {
    private final ScheduledExecutorService managedScheduledExecutorService;

    Container(ScheduledExecutorService executor) {
      this.managedScheduledExecutorService = executor;
    }

    ScheduledExecutorService executor() {
      return managedScheduledExecutorService;
    }
  }

  static final class ServerContainer extends Container {
    ServerContainer(ScheduledExecutorService executor) {
      super(executor);
    }
  }

  @Test
  void installingWrapsTheContainersExecutorOnce() throws Exception {
    ServerContainer container = new ServerContainer(managed);

    assertTrue(TyrusIdleTimer.install(container));
    ScheduledExecutorService installed = container.executor();
    assertTrue(installed instanceof SkippingScheduler);
    assertFalse(TyrusIdleTimer.install(container), "a second install wraps nothing again");
    assertSame(installed, container.executor());
  }

  @Test
  void aContainerWithoutAManagedExecutorIsLeftAlone() throws Exception {
    ServerContainer container = new ServerContainer(null);

    assertFalse(TyrusIdleTimer.install(container));
    assertEquals(null, container.executor());
  }
}
