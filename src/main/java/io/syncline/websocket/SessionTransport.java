package io.syncline.websocket;

import io.syncline.channel.Transport;
import io.syncline.protocol.CloseCode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link Transport} over a JSR-356 session: asynchronous sends, closes off the caller's thread.
 *
 * <p>On Tyrus (Payara, GlassFish) most sends go through the session's send writer instead of {@code
 * sendText}: Tyrus re-arms the session's idle timer on every {@code sendText}, scheduling a task on
 * the container's scheduled executor ({@link TyrusIdleTimer} drops it when there is no idle
 * timeout), and completes a future per send; its send writer hands the text to the same frame
 * writer without either. That writer does not say when the frame is written, so every {@link
 * #BARRIER_EVERY}th send goes through {@code sendText} with a completion: frames are written in the
 * order they are handed over, so its completion means the ones before it are written too, and a
 * connection that stops reading still fills its send queue and is dropped as too slow, with at most
 * that many frames beyond the queue held by Tyrus. Other containers' send writers block until the
 * frame is written (Undertow), so there every send is a {@code sendText}. Idle connections are
 * found by the heartbeat monitor, not by the container.
 *
 * <p>On Payara, when the handshake found the Grizzly connection below the socket ({@link
 * GrizzlyWire}) and no {@code permessage-deflate} was agreed, every text frame is written there
 * instead, encoded once per broadcast ({@link TextFrames}); its completion says when the socket
 * took it, so no send is handed over blind.
 *
 * <p>With a {@link SendWindow}, pings ride along and a client too far behind in reading holds up
 * its queue: on Payara a completion only means Grizzly took the frame, into a queue without a
 * limit.
 */
final class SessionTransport implements Transport {

  private static final Logger LOG = Logger.getLogger(SessionTransport.class.getName());

  /** One send in this many waits for its completion on Tyrus; the others are handed over. */
  static final int BARRIER_EVERY = 16;

  private final Session session;
  private final Executor executor;
  private final boolean handOver;
  private final SendWindow window;

  /** Below Tyrus, when the connection has one: every text frame goes there. */
  private final GrizzlyWire wire;

  /** Sends handed over since the last one with a completion; only the sending thread uses it. */
  private int handedOver;

  /**
   * The transport of {@code session}: it hands sends over on Tyrus, unless {@code handOver} ({@code
   * syncline.send.hand-over}) is false, and keeps the client within a window of {@code windowChars}
   * characters it has not read ({@code syncline.send.window-kb}; 0: no window).
   */
  static SessionTransport of(
      Session session, Executor executor, boolean handOver, long windowChars) {
    SendWindow window = null;
    if (windowChars > 0) {
      window = new SendWindow(windowChars);
      window.attachTo(session);
    }
    boolean tyrus = handOver && session.getClass().getName().startsWith("org.glassfish.tyrus.");
    GrizzlyWire wire = (GrizzlyWire) session.getUserProperties().remove(HandshakeConfigurator.WIRE);
    if (!tyrus || !session.getNegotiatedExtensions().isEmpty()) {
      wire = null;
    } else if (wire != null) {
      wire.inUse();
    }
    return new SessionTransport(session, executor, tyrus, window, wire);
  }

  /**
   * A transport that hands sends over to the session's send writer, or not, with a window or
   * without (null).
   */
  SessionTransport(Session session, Executor executor, boolean handOver, SendWindow window) {
    this(session, executor, handOver, window, null);
  }

  private SessionTransport(
      Session session, Executor executor, boolean handOver, SendWindow window, GrizzlyWire wire) {
    this.session = session;
    this.executor = executor;
    this.handOver = handOver;
    this.window = window;
    this.wire = wire;
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    if (window == null) {
      write(text, done);
      return;
    }
    ByteBuffer ping = window.starting(text.length());
    Throwable pingFailure = ping == null ? null : ping(ping);
    if (pingFailure != null) {
      done.accept(pingFailure); // without its ping a held send could never be released
      return;
    }
    write(
        text,
        failure -> {
          if (failure != null) {
            done.accept(failure);
          } else {
            window.completed(() -> done.accept(null));
          }
        });
  }

  /** Sends a ping ahead of the next frame; returns the failure, or null. */
  private Throwable ping(ByteBuffer data) {
    try {
      session.getAsyncRemote().sendPing(data);
      return null;
    } catch (IOException | RuntimeException e) {
      return e;
    }
  }

  private void write(String text, Consumer<Throwable> done) {
    if (wire != null) {
      if (session.isOpen()) {
        wire.write(TextFrames.of(text), done);
      } else {
        // as sendText does: nothing may follow the close frame (RFC 6455 §5.5.1)
        done.accept(new IOException("the socket is closed"));
      }
      return;
    }
    if (handOver && handedOver < BARRIER_EVERY - 1) {
      handedOver++;
      Throwable failure = null;
      try {
        Writer writer = session.getBasicRemote().getSendWriter();
        char[] chars = text.toCharArray();
        writer.write(chars, 0, chars.length);
        writer.close();
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
      done.accept(failure);
      return;
    }
    handedOver = 0;
    try {
      session.getAsyncRemote().sendText(text, result -> done.accept(result.getException()));
    } catch (RuntimeException e) {
      done.accept(e);
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
