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
 * Closes connections that have been silent for longer than twice the heartbeat interval, and those
 * whose token has expired.
 */
@ApplicationScoped
public class HeartbeatMonitor {

  private static final Logger LOG = Logger.getLogger(HeartbeatMonitor.class.getName());

  @Resource private ManagedScheduledExecutorService scheduler;
  @Inject private ChannelManager manager;
  @Inject private SynclineConfig config;
  private ScheduledFuture<?> task;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    long period = Math.max(100, config.heartbeatIntervalMs() / 2);
    task = scheduler.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  void sweep() {
    long timeout = 2 * config.heartbeatIntervalMs();
    for (Subscriber connection : manager.connections()) {
      if (!connection.endIfExpired() && connection.silentMillis() > timeout) {
        LOG.info(() -> "Closing " + connection + ": silent for over " + timeout + " ms");
        connection.abort(CloseCode.HEARTBEAT_TIMEOUT, "heartbeat timeout");
      }
    }
  }
}
