package io.syncline.websocket;

import io.syncline.channel.Transport;
import io.syncline.protocol.CloseCode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link Transport} over a JSR-356 session: asynchronous sends, closes off the caller's thread.
 */
final class SessionTransport implements Transport {

  private static final Logger LOG = Logger.getLogger(SessionTransport.class.getName());

  private final Session session;
  private final Executor executor;

  SessionTransport(Session session, Executor executor) {
    this.session = session;
    this.executor = executor;
  }

  /**
   * The context class loader a send runs with. Tyrus re-arms the session's idle timer on every
   * send, through Payara's managed scheduler, which captures the calling thread's context: a
   * service-loader scan of every jar the context class loader sees. With the application's loader
   * that scan was most of the cost of a delivery; the platform loader has no jars to scan, and the
   * send path loads nothing through it.
   */
  private static final ClassLoader SEND_LOADER = ClassLoader.getPlatformClassLoader();

  @Override
  public void send(String text, Consumer<Throwable> done) {
    Thread thread = Thread.currentThread();
    ClassLoader loader = thread.getContextClassLoader();
    thread.setContextClassLoader(SEND_LOADER);
    try {
      session.getAsyncRemote().sendText(text, result -> done.accept(result.getException()));
    } catch (RuntimeException e) {
      done.accept(e);
    } finally {
      thread.setContextClassLoader(loader);
    }
  }

  @Override
  public void close(CloseCode code, String reason) {
    executor.execute(
        () -> {
          try {
            if (session.isOpen()) {
              session.close(
                  new CloseReason(CloseReason.CloseCodes.getCloseCode(code.code()), reason));
            }
          } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing session " + session.getId(), e);
          }
        });
  }
}
