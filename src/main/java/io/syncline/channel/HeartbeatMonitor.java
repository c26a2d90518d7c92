package io.syncline.channel;

import io.syncline.config.SynclineConfig;
import io.syncline.protocol.CloseCode;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Closes connections that have been silent for longer than twice the heartbeat interval, those
 * whose token has expired, and those told to close whose send in flight has not completed within
 * that time (a client that stopped reading). A check that runs late by more than the interval (this
 * server was stalled: a long pause, a frozen machine) closes no silent connection: their frames may
 * be waiting unread, so they get until the next check to be heard.
 */
@ApplicationScoped
public class HeartbeatMonitor {

  private static final Logger LOG = Logger.getLogger(HeartbeatMonitor.class.getName());

  @Resource private ManagedScheduledExecutorService scheduler;
  @Inject private ChannelManager manager;
  @Inject private SynclineConfig config;
  private ScheduledFuture<?> task;
  private boolean swept;
  private long lastSweepNanos;
  private long graceUntilNanos;

  public HeartbeatMonitor() {}

  /** A monitor of {@code manager}'s connections outside a container, checked by the caller. */
  HeartbeatMonitor(ChannelManager manager, SynclineConfig config) {
    this.manager = manager;
    this.config = config;
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    long period = period();
    task =
        scheduler.scheduleWithFixedDelay(
            () -> sweep(System.nanoTime()), period, period, TimeUnit.MILLISECONDS);
  }

  private long period() {
    return Math.max(100, config.heartbeatIntervalMs() / 2);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  /** One check, at {@code now} ({@link System#nanoTime()}); one runs at a time. */
  synchronized void sweep(long now) {
    long timeout = 2 * config.heartbeatIntervalMs();
    long sinceLast = TimeUnit.NANOSECONDS.toMillis(now - lastSweepNanos);
    if (!swept) {
      swept = true;
      graceUntilNanos = now;
    } else if (sinceLast > period() + config.heartbeatIntervalMs()) {
      graceUntilNanos = now + TimeUnit.MILLISECONDS.toNanos(config.heartbeatIntervalMs());
      LOG.warning(
          () ->
              "The heartbeat check ran "
                  + sinceLast
                  + " ms after the last one: this server was stalled, so silent connections get"
                  + " one more heartbeat interval to be heard");
    }
    lastSweepNanos = now;
    boolean inGrace = now - graceUntilNanos < 0;
    for (Subscriber connection : manager.connections()) {
      if (!inGrace && connection.abortIfCloseOverdue(now, timeout)) {
        LOG.info(() -> "Closed " + connection + ": its close waited over " + timeout + " ms");
        continue;
      }
      if (!connection.endIfExpired() && !inGrace && connection.silentMillis(now) > timeout) {
        LOG.info(() -> "Closing " + connection + ": silent for over " + timeout + " ms");
        connection.abort(CloseCode.HEARTBEAT_TIMEOUT, "heartbeat timeout");
      }
    }
  }
}
