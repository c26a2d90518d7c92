package io.syncline.websocket;

import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How far a socket's client is behind in reading, and the brake when it is too far. A send's
 * completion only says the container took the frame: Payara's Grizzly keeps a write queue of its
 * own, without limit, so a client that stops reading would hold ever more of the server's heap
 * there. So the transport pings the client every {@link #PING_EVERY_CHARS} characters it sends,
 * ahead of the next frame, with the count of characters sent before it and a tag only this server
 * can make for that count on this socket (an HMAC). A client answers a ping with a pong once it has
 * read everything before it (every WebSocket client does, browsers included), so each pong shows
 * how much it has read; a pong it makes up, or one with another count, changes nothing. When more
 * than the window had gone out unread before the latest send, that send's completion is held back
 * until a pong brings the client within it: the connection's send queue then fills like that of any
 * slow socket, and the client is dropped as too slow. A client that reads nothing is therefore sent
 * at most the window plus two sends (the one that passed it, and the one held).
 *
 * <p>Sends never overlap (the send queue has one in flight), so the counts that only sends change
 * need no lock; pongs arrive on the container's reading thread.
 */
final class SendWindow {

  private static final String KEY = SendWindow.class.getName();
  private static final AtomicLong SOCKETS = new AtomicLong();

  /** The server's key for the tags; it never leaves the process. */
  private static final SecretKeySpec TAG_KEY = new SecretKeySpec(randomBytes(32), "HmacSHA256");

  private static final ThreadLocal<Mac> MACS =
      ThreadLocal.withInitial(
          () -> {
            try {
              Mac mac = Mac.getInstance("HmacSHA256");
              mac.init(TAG_KEY);
              return mac;
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
          });

  /** Characters sent between two pings, at most (a ping goes ahead of the send that passes it). */
  static final long PING_EVERY_CHARS = 64 * 1024;

  private static final int PING_BYTES = 2 * Long.BYTES;

  private final long limit;

  /** This socket's part of each tag, so a ping of another socket does not answer one of this. */
  private final long socket = SOCKETS.incrementAndGet();

  /** Characters sent, and sent before the last ping; only sends use them. */
  private long sent;

  private long pinged;

  /** Characters sent before the latest send started. */
  private volatile long beforeLatest;

  /** Characters the client has shown it read. */
  private final AtomicLong read = new AtomicLong();

  /** A held-back completion, and the characters sent before its send. */
  private record Held(long before, Runnable completion) {}

  /** The held-back completion of the latest send, if any. */
  private final AtomicReference<Held> held = new AtomicReference<>();

  /**
   * A window of {@code limitChars} characters that may be sent and not yet read. Its first ping is
   * due after a random part of {@link #PING_EVERY_CHARS}: sockets sent the same stream (the
   * subscribers of one channel) would otherwise all ping at the same moment, and their clients'
   * pongs arrive together. On Payara each pong costs a context capture on the reading thread (Tyrus
   * re-arms the idle timer through the managed scheduler), and a thousand at once stalled
   * deliveries for 150-250 ms (docs/performance.md).
   */
  SendWindow(long limitChars) {
    this(limitChars, 1 + ThreadLocalRandom.current().nextLong(PING_EVERY_CHARS));
  }

  /**
   * A window whose first ping (other than one the window itself asks for) is due once {@code
   * firstPingAfter} characters have gone out; the next ones every {@link #PING_EVERY_CHARS}.
   */
  SendWindow(long limitChars, long firstPingAfter) {
    this.limit = limitChars;
    this.pinged = firstPingAfter - PING_EVERY_CHARS;
  }

  /** The window of a session's socket, or null. */
  static SendWindow of(Session session) {
    return (SendWindow) session.getUserProperties().get(KEY);
  }

  void attachTo(Session session) {
    session.getUserProperties().put(KEY, this);
  }

  /**
   * Counts a send of {@code chars} characters, which is about to start; returns the ping to send
   * ahead of it, or null. A ping is due when {@link #PING_EVERY_CHARS} have gone out since the last
   * one, or when the client is beyond the window, so that a held-back completion always has a ping
   * on its way that can release it.
   */
  ByteBuffer starting(int chars) {
    long before = sent;
    sent = before + chars;
    ByteBuffer ping = null;
    if (before > pinged && (before - pinged >= PING_EVERY_CHARS || before - read.get() > limit)) {
      pinged = before;
      ping = ByteBuffer.allocate(PING_BYTES).putLong(before).putLong(tag(before)).flip();
    }
    beforeLatest = before;
    return ping;
  }

  /**
   * Runs the latest send's completion now, or once the client has read enough that what it has not
   * read, before that send, is within the window.
   */
  void completed(Runnable completion) {
    long before = beforeLatest;
    if (before - read.get() <= limit) {
      completion.run();
      return;
    }
    held.set(new Held(before, completion));
    release(); // a pong may have come meanwhile
  }

  /** A pong from the client: the count of characters it has read, if it answers our ping. */
  void pong(ByteBuffer data) {
    if (data.remaining() != PING_BYTES) {
      return; // a pong the client sent on its own
    }
    long mark = data.getLong(data.position());
    if (data.getLong(data.position() + Long.BYTES) != tag(mark)) {
      return; // not one of this socket's pings
    }
    read.accumulateAndGet(mark, Math::max);
    release();
  }

  /** The first 8 bytes of the HMAC of this socket and {@code mark}. */
  private long tag(long mark) {
    byte[] mac =
        MACS.get()
            .doFinal(ByteBuffer.allocate(2 * Long.BYTES).putLong(socket).putLong(mark).array());
    return ByteBuffer.wrap(mac).getLong();
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  /**
   * Runs the held completion if the client is now within the window for its send, once: the
   * completion is taken only if it is still the one checked, so a later send's is never run early.
   */
  private void release() {
    Held waiting = held.get();
    if (waiting != null
        && waiting.before() - read.get() <= limit
        && held.compareAndSet(waiting, null)) {
      waiting.completion().run();
    }
  }
}
