package io.syncline.channel;

import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.CloseCode;
import io.syncline.protocol.FrameEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's bounded outgoing queue. At most one send is in flight, so writes never
 * interleave; offering never blocks, and a full queue is reported to the caller. When frames have
 * queued up behind a send and the dialect {@link FrameEncoder#packs() packs}, the next send takes
 * them all, in order, as one frame: a WebSocket send costs about the same whatever it holds, so a
 * connection with a backlog catches up instead of falling further behind.
 */
final class SendQueue {

  private static final int SENDING = 0;
  private static final int COMPLETED_INLINE = 1;
  private static final int RETURNED = 2;

  private record Close(CloseCode code, String reason, long askedNanos) {}

  /** Most frames, and characters, packed into one send. */
  static final int MAX_PACKED_FRAMES = 256;

  static final int MAX_PACKED_CHARS = 256 * 1024;

  private final Transport transport;
  private final int capacity;
  private final FrameEncoder packer;
  private final Executor writer;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable drain = this::drainWoken;
  private final Queue<String> frames = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Close pendingClose;

  SendQueue(Transport transport, int capacity) {
    this(transport, capacity, null);
  }

  /** A queue that packs its backlog with {@code encoder}, if that dialect packs. */
  SendQueue(Transport transport, int capacity, FrameEncoder encoder) {
    this(transport, capacity, encoder, null);
  }

  /**
   * A queue written by {@code writer}'s threads rather than by whoever offers a frame (null: by the
   * offering thread).
   */
  SendQueue(Transport transport, int capacity, FrameEncoder encoder, Executor writer) {
    this.transport = transport;
    this.capacity = capacity;
    this.packer = encoder != null && encoder.packs() ? encoder : null;
    this.writer = writer;
  }

  /** Queues a frame; false when the queue is full. Frames offered after a close are dropped. */
  boolean offer(String text) {
    return offer(text, false);
  }

  /**
   * Queues a frame, to be written by a writer thread if {@code fromOthers} (a fan-out) and the
   * queue has writers; a connection's own replies are written on its own thread, which also keeps
   * frames sent while the socket opens on the thread that opens it.
   */
  boolean offer(String text, boolean fromOthers) {
    Objects.requireNonNull(text);
    if (closed.get() || pendingClose != null) {
      return true;
    }
    if (!reserve(1)) {
      return false;
    }
    frames.offer(text);
    queued(fromOthers);
    return true;
  }

  /**
   * Queues frames in order, as one offer: the queue takes them all or, when they would take it past
   * its capacity, none (false). Like any backlog, they go out packed where the dialect packs.
   */
  boolean offerAll(List<String> texts, boolean fromOthers) {
    if (closed.get() || pendingClose != null) {
      return true;
    }
    if (!reserve(texts.size())) {
      return false;
    }
    frames.addAll(texts);
    queued(fromOthers);
    return true;
  }

  /** Counts {@code count} frames in, unless that would take the queue past its capacity. */
  private boolean reserve(int count) {
    int depth = size.addAndGet(count);
    if (depth > capacity) {
      size.addAndGet(-count);
      return false;
    }
    Metrics.SEND_QUEUE_DEPTH.observe(depth);
    return true;
  }

  private void queued(boolean fromOthers) {
    if (fromOthers) {
      wake();
    } else {
      pump();
    }
  }

  /**
   * Closes the connection once the frames already queued are sent. The first close asked for is the
   * one made; {@link #abortIfCloseOverdue} ends a connection whose send never completes.
   */
  void finish(CloseCode code, String reason) {
    synchronized (this) {
      if (pendingClose == null) {
        pendingClose = new Close(code, reason, System.nanoTime());
      }
    }
    pump();
  }

  /**
   * Closes the connection now, dropping what is queued, if a close was asked for more than {@code
   * graceMillis} before {@code now} ({@link System#nanoTime()}) and the send in flight still has
   * not completed: a client that stopped reading would otherwise keep a connection that was told to
   * close (an expired token, an operator's close) for as long as it keeps sending.
   *
   * @return whether it closed the connection
   */
  boolean abortIfCloseOverdue(long now, long graceMillis) {
    Close close = pendingClose;
    if (close == null
        || closed.get()
        || now - close.askedNanos() <= TimeUnit.MILLISECONDS.toNanos(graceMillis)) {
      return false;
    }
    return abort(close.code(), close.reason());
  }

  /** Drops the queued frames and closes the connection now; false if it was already closed. */
  boolean abort(CloseCode code, String reason) {
    if (closed.compareAndSet(false, true)) {
      frames.clear();
      size.set(0);
      transport.close(code, reason);
      return true;
    }
    return false;
  }

  int size() {
    return size.get();
  }

  /**
   * Gets the queue written: at once on this thread, or by a writer thread, of which at most one
   * task per queue is pending. A send in flight drains the queue itself when it completes.
   */
  private void wake() {
    if (writer == null) {
      pump();
    } else if (!writing.get() && scheduled.compareAndSet(false, true)) {
      try {
        writer.execute(drain);
      } catch (RejectedExecutionException stopping) {
        drainWoken();
      }
    }
  }

  /** The writer's side of a wake: sends what is queued, unless a send in flight will. */
  private void drainWoken() {
    scheduled.set(false);
    pump();
  }

  private void pump() {
    while (!closed.get() && writing.compareAndSet(false, true)) {
      String next = frames.poll();
      if (next == null) {
        writing.set(false);
        if (frames.isEmpty()) {
          closeIfPending();
          return;
        }
        continue;
      }
      if (packer != null && !frames.isEmpty()) {
        next = packBacklog(next);
      } else {
        size.decrementAndGet();
      }
      AtomicInteger state = new AtomicInteger(SENDING);
      transport.send(next, failure -> sent(failure, state));
      if (state.compareAndSet(SENDING, RETURNED)) {
        return; // the completion will pump again
      }
      // completed on this thread: go on here rather than recurse
    }
  }

  /** The first frame and those queued behind it, as one frame; only the pumping thread polls. */
  private String packBacklog(String first) {
    List<String> batch = new ArrayList<>();
    batch.add(first);
    int chars = first.length();
    String more;
    while (batch.size() < MAX_PACKED_FRAMES
        && chars < MAX_PACKED_CHARS
        && (more = frames.poll()) != null) {
      batch.add(more);
      chars += more.length();
    }
    size.addAndGet(-batch.size());
    if (batch.size() > 1) {
      Metrics.PACKED_SENDS.inc();
      Metrics.PACKED_FRAMES.add(batch.size());
    }
    return batch.size() == 1 ? first : SharedPacking.pack(packer, batch);
  }

  private void sent(Throwable failure, AtomicInteger state) {
    if (failure != null) {
      // the socket cannot take frames: close it, or nothing would (its queue takes no close now)
      abort(CloseCode.INTERNAL_ERROR, "send failed");
      return;
    }
    writing.set(false);
    if (!state.compareAndSet(SENDING, COMPLETED_INLINE)) {
      pump();
    }
  }

  private void closeIfPending() {
    Close close = pendingClose;
    if (close != null && closed.compareAndSet(false, true)) {
      transport.close(close.code(), close.reason());
    }
  }
}
