package io.syncline.websocket;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scheduled executor that drops Tyrus's idle-timeout tasks of sessions with no idle timeout and
 * passes every other task to the executor it wraps ({@link TyrusIdleTimer}).
 *
 * <p>Such a task is scheduled with the idle timeout as its delay, so a delay of 0 or less means no
 * timeout, and the task would do nothing when it ran: it checks the timeout again and closes the
 * session only when it is positive. Dropping it leaves the session as it was.
 */
final class SkippingScheduler implements ScheduledExecutorService {

  /** The class of the task Tyrus schedules each time it re-arms a session's idle timer. */
  static final String IDLE_TIMEOUT_TASK =
      "org.glassfish.tyrus.core.TyrusSession$IdleTimeoutCommand";

  private final ScheduledExecutorService executor;

  SkippingScheduler(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Whether {@code command} would do nothing: an idle-timeout task without a timeout. */
  static boolean idle(Runnable command, long delay) {
    return delay <= 0 && command.getClass().getName().equals(IDLE_TIMEOUT_TASK);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return idle(command, delay) ? Skipped.INSTANCE : executor.schedule(command, delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return executor.schedule(callable, delay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return executor.scheduleAtFixedRate(command, initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return executor.scheduleWithFixedDelay(command, initialDelay, delay, unit);
  }

  @Override
  public void execute(Runnable command) {
    executor.execute(command);
  }

  @Override
  public void shutdown() {
    executor.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return executor.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return executor.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return executor.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return executor.awaitTermination(timeout, unit);
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    return executor.submit(task);
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    return executor.submit(task, result);
  }

  @Override
  public Future<?> submit(Runnable task) {
    return executor.submit(task);
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
      throws InterruptedException {
    return executor.invokeAll(tasks);
  }

  @Override
  public <T> List<Future<T>> invokeAll(
      Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException {
    return executor.invokeAll(tasks, timeout, unit);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
      throws InterruptedException, ExecutionException {
    return executor.invokeAny(tasks);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return executor.invokeAny(tasks, timeout, unit);
  }

  /** The future of a dropped task: done, with nothing to cancel. */
  static final class Skipped implements ScheduledFuture<Object> {

    static final Skipped INSTANCE = new Skipped();

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
