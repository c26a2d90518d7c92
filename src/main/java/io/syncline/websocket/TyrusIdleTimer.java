package io.syncline.websocket;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Tyrus (Payara, GlassFish) from scheduling a managed task for every frame a socket sends or
 * receives while it has no idle timeout.
 *
 * <p>Tyrus re-arms a session's idle timer on every frame: it schedules a new idle-timeout task on
 * its container's scheduled executor, which on Payara is the managed one; Payara captures the
 * calling thread's context for each task (a service-loader scan of every jar the thread's context
 * class loader sees). With no idle timeout (0, the default) the task has a delay of 0 and does
 * nothing when it runs. As the application starts, this hands Tyrus's container a {@link
 * SkippingScheduler} in place of the managed executor, which drops exactly those tasks and passes
 * everything else on. Idle connections are found by Syncline's heartbeat monitor, not by the
 * container; an idle timeout set on the container still works, at the old cost.
 *
 * <p>Tyrus keeps the executor in a private field; when it is not there (another Tyrus), nothing is
 * replaced and a warning says so.
 */
@WebListener
public class TyrusIdleTimer implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(TyrusIdleTimer.class.getName());

  /** The field of Tyrus's {@code BaseContainer} that holds the managed scheduled executor. */
  static final String FIELD = "managedScheduledExecutorService";

  /** Logged once as the application starts, when the executor was replaced. */
  static final String REPLACED =
      "Tyrus schedules no idle-timer task for the frames of sockets without an idle timeout";

  /** Logged when the executor could not be replaced. */
  static final String NOT_REPLACED =
      "Tyrus's scheduled executor was not replaced; every frame a socket sends or receives"
          + " schedules a task on the managed scheduled executor";

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (!HandshakeConfigurator.TYRUS) {
      return;
    }
    Object container = event.getServletContext().getAttribute(ServerContainer.class.getName());
    try {
      if (install(container)) {
        LOG.info(REPLACED);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, NOT_REPLACED, e);
    }
  }

  /**
   * Replaces {@code container}'s managed scheduled executor with a {@link SkippingScheduler} over
   * it; false when it has none (Tyrus then uses a plain executor of its own).
   */
  static boolean install(Object container) throws ReflectiveOperationException {
    Field field = field(container.getClass());
    field.setAccessible(true);
    Object executor = field.get(container);
    if (executor == null || executor instanceof SkippingScheduler) {
      return false;
    }
    field.set(container, new SkippingScheduler((ScheduledExecutorService) executor));
    return true;
  }

  private static Field field(Class<?> type) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(FIELD) && f.getType() == ScheduledExecutorService.class) {
          return f;
        }
      }
    }
    throw new NoSuchFieldException(type.getName() + "." + FIELD);
  }
}
