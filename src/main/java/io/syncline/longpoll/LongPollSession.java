package io.syncline.longpoll;

import io.syncline.channel.Transport;
import io.syncline.protocol.CloseCode;
import io.syncline.websocket.Connection;
import jakarta.json.Json;
import jakarta.ws.rs.container.AsyncResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One long-poll connection: a {@link Transport} whose "socket" is a buffer of numbered frames. A
 * send appends the frame and answers the waiting poll, if any; a poll takes what is after the
 * number it acknowledges, so a poll whose answer was lost gets the same frames again. A close is
 * delivered after the frames queued before it, as on a socket.
 */
final class LongPollSession implements Transport {

  /** Most frames, and characters, in one poll's answer (the rest wait for the next poll). */
  static final int MAX_FRAMES_PER_ANSWER = 256;

  static final int MAX_CHARS_PER_ANSWER = 256 * 1024;

  private record Frame(long seq, String text) {}

  private record Closed(int code, String reason) {}

  private final String key;
  private final int maxBuffered;
  private final Executor executor;
  private final Consumer<LongPollSession> onClose;
  private final Object receiving = new Object();
  private final Deque<Frame> buffer = new ArrayDeque<>();
  private Connection connection;
  private long lastSeq;
  private AsyncResponse waiting;
  private Closed closed;
  private long closedAtNanos;
  private int busy;
  private long lastActiveNanos = System.nanoTime();

  LongPollSession(
      String key, int maxBuffered, Executor executor, Consumer<LongPollSession> onClose) {
    this.key = key;
    this.maxBuffered = maxBuffered;
    this.executor = executor;
    this.onClose = onClose;
  }

  /** The secret the client names the session by (not the connection id, which others may see). */
  String key() {
    return key;
  }

  void attach(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
  }

  /** Held while the session's posted frames are handled, one request at a time, in order. */
  Object receiving() {
    return receiving;
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    AsyncResponse answer;
    synchronized (this) {
      if (closed != null) {
        done.accept(new IllegalStateException("the long-poll session has closed"));
        return;
      }
      if (buffer.size() >= maxBuffered) {
        answer = closeLocked(CloseCode.SLOW_CONSUMER.code(), "too many frames not acknowledged");
        done.accept(new IllegalStateException("the long-poll session fell too far behind"));
        resume(answer);
        return;
      }
      buffer.addLast(new Frame(++lastSeq, text));
      answer = takeWaiting();
    }
    done.accept(null);
    resume(answer);
  }

  @Override
  public void close(CloseCode code, String reason) {
    close(code.code(), reason);
  }

  void close(int code, String reason) {
    AsyncResponse answer;
    synchronized (this) {
      if (closed != null) {
        return;
      }
      answer = closeLocked(code, reason);
    }
    resume(answer);
  }

  private AsyncResponse closeLocked(int code, String reason) {
    closed = new Closed(code, reason == null ? "" : reason);
    closedAtNanos = System.nanoTime();
    executor.execute(() -> onClose.accept(this));
    return takeWaiting();
  }

  synchronized boolean isClosed() {
    return closed != null;
  }

  synchronized int closeCode() {
    return closed == null ? 0 : closed.code();
  }

  /**
   * Answers a poll: at once when there are frames after {@code ack} (or the session has closed),
   * else when the next frame is sent, else empty after {@code timeoutMs}. A poll that was waiting
   * is answered empty: only the newest waits.
   *
   * @return false when {@code ack} is past the last frame sent
   */
  boolean poll(long ack, long timeoutMs, AsyncResponse response) {
    String now;
    AsyncResponse superseded;
    synchronized (this) {
      lastActiveNanos = System.nanoTime();
      if (ack > lastSeq || ack < 0) {
        return false;
      }
      while (!buffer.isEmpty() && buffer.peekFirst().seq() <= ack) {
        buffer.removeFirst();
      }
      superseded = takeWaiting();
      if (!buffer.isEmpty() || closed != null || timeoutMs <= 0) {
        now = answerLocked(ack);
      } else {
        now = null;
        waiting = response;
        busy++;
        response.setTimeout(timeoutMs, TimeUnit.MILLISECONDS);
        response.setTimeoutHandler(this::timedOut);
      }
    }
    resume(superseded);
    if (now != null) {
      response.resume(now);
    }
    return true;
  }

  private void timedOut(AsyncResponse response) {
    synchronized (this) {
      if (waiting != response) {
        return;
      }
      waiting = null;
      busy--;
      lastActiveNanos = System.nanoTime();
    }
    response.resume(body(new StringBuilder(), lastAcked(), null));
  }

  /** The frames after {@code ack} now, as the body of an answer (the connect's included). */
  synchronized String answer(long ack) {
    return answerLocked(ack);
  }

  private String answerLocked(long ack) {
    StringBuilder frames = new StringBuilder();
    long last = ack;
    int count = 0;
    for (Frame frame : buffer) {
      if (frame.seq() <= ack) {
        continue;
      }
      if (count > 0
          && (count >= MAX_FRAMES_PER_ANSWER
              || frames.length() + frame.text().length() > MAX_CHARS_PER_ANSWER)) {
        break;
      }
      if (count > 0) {
        frames.append(',');
      }
      frames.append(frame.text());
      last = frame.seq();
      count++;
    }
    boolean all = last == lastSeq;
    return body(frames, last, all ? closed : null);
  }

  private long lastAcked() {
    Frame first = buffer.peekFirst();
    return first == null ? lastSeq : first.seq() - 1;
  }

  private static String body(StringBuilder frames, long last, Closed closedNow) {
    StringBuilder body = new StringBuilder(frames.length() + 64);
    body.append("{\"last\":").append(last).append(",\"frames\":[").append(frames).append(']');
    if (closedNow != null) {
      body.append(",\"closed\":")
          .append(
              Json.createObjectBuilder()
                  .add("code", closedNow.code())
                  .add("reason", closedNow.reason())
                  .build());
    }
    return body.append('}').toString();
  }

  private AsyncResponse takeWaiting() {
    AsyncResponse answer = waiting;
    if (answer != null) {
      waiting = null;
      busy--;
      lastActiveNanos = System.nanoTime();
    }
    return answer;
  }

  /** Answers a poll taken off the session with what the session holds after the frames it had. */
  private void resume(AsyncResponse response) {
    if (response == null) {
      return;
    }
    executor.execute(
        () -> {
          String body;
          synchronized (this) {
            body = answerLocked(lastAcked());
          }
          response.resume(body);
        });
  }

  /** A request began or ended: the session is in use. */
  synchronized void active() {
    lastActiveNanos = System.nanoTime();
  }

  /** Whether no request has been seen, and no poll has waited, for {@code idleMs}. */
  synchronized boolean idleFor(long idleMs) {
    return busy == 0 && System.nanoTime() - lastActiveNanos > idleMs * 1_000_000L;
  }

  /** Whether it closed more than {@code graceMs} ago (its last answer had time to be fetched). */
  synchronized boolean closedFor(long graceMs) {
    return closed != null && System.nanoTime() - closedAtNanos > graceMs * 1_000_000L;
  }
}
