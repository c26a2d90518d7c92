package io.syncline.longpoll;

import io.syncline.config.SynclineConfig;
import io.syncline.protocol.CloseCode;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.websocket.Connection;
import io.syncline.websocket.ConnectionHandler;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The open long-poll sessions, by their secret key. A session is opened and fed through the
 * socket's {@link ConnectionHandler}; one left without a request for {@code
 * syncline.longpoll.idle-ms} is closed as a dropped socket is (it leaves presence and its
 * channels), and a closed one is forgotten after the same time, once its last answer could be
 * fetched again.
 */
@ApplicationScoped
public class LongPollSessions {

  private static final Logger LOG = Logger.getLogger(LongPollSessions.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject private ConnectionHandler handler;
  @Inject private SynclineConfig config;
  @Resource private ManagedExecutorService executor;
  @Resource private ManagedScheduledExecutorService scheduler;

  private final Map<String, LongPollSession> sessions = new ConcurrentHashMap<>();
  private ScheduledFuture<?> sweeper;

  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    long period = Math.max(100, Math.min(1000, config.longPollIdleMs() / 10));
    sweeper = scheduler.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (sweeper != null) {
      sweeper.cancel(false);
    }
  }

  /**
   * Opens a session as a socket opens.
   *
   * @throws ProtocolException {@code unauthenticated} for a token that does not verify
   */
  LongPollSession open(String token, String dialect, Locale locale) {
    LongPollSession session = new LongPollSession(newKey(), maxBuffered(), executor, this::closed);
    Connection connection = handler.open(session, token, dialect, locale);
    session.attach(connection);
    sessions.put(session.key(), session);
    return session;
  }

  /**
   * The session named {@code key}.
   *
   * @throws ProtocolException {@code not_found} when there is none (never opened, or forgotten)
   */
  LongPollSession get(String key) {
    LongPollSession session = key == null ? null : sessions.get(key);
    if (session == null) {
      throw new ProtocolException(
          ErrorCode.NOT_FOUND, "no long-poll session '" + key + "': connect again");
    }
    return session;
  }

  /** Frames the server holds for a session that has not acknowledged them, at most. */
  int maxBuffered() {
    return Math.max(1024, config.sendQueueFrames() * 16);
  }

  private void closed(LongPollSession session) {
    Connection connection = session.connection();
    if (connection != null) {
      handler.closed(connection, session.closeCode());
    }
  }

  void sweep() {
    long idle = config.longPollIdleMs();
    for (LongPollSession session : sessions.values()) {
      if (session.closedFor(idle)) {
        sessions.remove(session.key());
      } else if (!session.isClosed() && session.idleFor(idle)) {
        LOG.fine(() -> "Closing an idle long-poll session of " + session.connection().subscriber());
        session.close(CloseCode.GOING_AWAY.code(), "idle long-poll session");
      }
    }
  }

  private static String newKey() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
