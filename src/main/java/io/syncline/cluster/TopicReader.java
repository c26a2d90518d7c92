package io.syncline.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.ReliableMessageListener;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's reader of one reliable topic (one shard), and the watch over it.
 *
 * <p>Hazelcast reads a reliable topic for a listener with a chain of reads on the topic's
 * ringbuffer. That chain can end with the listener still registered: when a split healed, a read
 * parked across the merge's partition migrations was answered twice on the side that stayed
 * (Hazelcast logs {@code ResponseAlreadySentException} for a {@code ReadManyOperation}) and that
 * shard's messages never reached this node again (seen with two Payara Micro nodes, one frozen with
 * SIGSTOP and resumed; hazelcast/hazelcast#20054 reports readers stopping after members crash). So
 * {@link #check} runs every few seconds on one thread (and at once when this node merged) and
 * replaces a reader that handed over nothing while a message it waits for was in the ringbuffer for
 * a whole check interval, or that is past the end of a ringbuffer a merge replaced. The new reader
 * reads on from the first message the old one had not handed over, and the old one is retired first
 * (after the message in hand, if any), so no message is handed over twice.
 */
final class TopicReader {

  private static final Logger LOG = Logger.getLogger(TopicReader.class.getName());

  /** The name Hazelcast gives a reliable topic's ringbuffer. */
  private static final String RINGBUFFER_PREFIX = "_hz_rb_";

  private final String name;
  private final ITopic<String[]> topic;
  private final Ringbuffer<Object> ringbuffer;
  private final Consumer<List<String>> handler;
  private final boolean ownToo;
  private final Supplier<String> nodeId;

  // guarded by this
  private Listener listener;
  private UUID registration;
  private boolean stopped;

  /** The reader's next sequence at the last check. */
  private long checkedNext = Long.MIN_VALUE;

  /**
   * The sequence the reader waits for since its next sequence last changed: that, or the tail + 1
   * seen then if lower (a read past the tail, as after a merge replaced the ringbuffer, is read at
   * the tail + 1 by Hazelcast).
   */
  private long waitingFor;

  /** The tail at the last check. */
  private long checkedTail = Long.MIN_VALUE;

  TopicReader(
      HazelcastInstance hazelcast,
      String name,
      Consumer<List<String>> handler,
      boolean ownToo,
      Supplier<String> nodeId) {
    this.name = name;
    this.topic = hazelcast.getReliableTopic(name);
    this.ringbuffer = hazelcast.getRingbuffer(RINGBUFFER_PREFIX + name);
    this.handler = handler;
    this.ownToo = ownToo;
    this.nodeId = nodeId;
  }

  /** Starts reading at the topic's tail: what was sent before is not replayed. */
  synchronized void start() {
    listen(ringbuffer.tailSequence() + 1);
  }

  private void listen(long from) {
    Listener fresh = new Listener(from);
    UUID id = topic.addMessageListener(fresh);
    listener = fresh;
    registration = id;
  }

  @Override
  public synchronized String toString() {
    return name
        + " (next "
        + listener.next()
        + (listener.handling() ? ", handling" : "")
        + ", at the last check next "
        + checkedNext
        + " tail "
        + checkedTail
        + ", waiting for "
        + waitingFor
        + ")";
  }

  /** Stops reading for good (the application stops). */
  synchronized void stop() {
    stopped = true;
    listener.retire();
    topic.removeMessageListener(registration);
  }

  /**
   * Replaces the reader if it is past the topic's end, or if since the last check it handed over
   * nothing and was not handing over a message while the message it waits for was already in the
   * ringbuffer at the last check. Returns whether it replaced the reader.
   *
   * <p>Past the end: a ringbuffer's tail never goes back, so the ringbuffer was replaced, as when
   * this node merged into the other side of a split and the topics are now that side's. Hazelcast
   * would move the read to the end only once a message arrives, past that message: the first
   * message after the merge would be lost. The new reader reads on from the end as it is now.
   */
  synchronized boolean check() {
    if (stopped) {
      return false;
    }
    // the reader first: read after it, the tail is at least its next sequence - 1, unless the
    // ringbuffer was replaced
    long next = listener.next();
    boolean busy = listener.handling();
    long tail = ringbuffer.tailSequence();
    boolean pastEnd = next > tail + 1;
    boolean stuck = !busy && next == checkedNext && checkedTail >= waitingFor;
    if (next != checkedNext || busy) {
      waitingFor = Math.min(next, tail + 1);
    }
    checkedNext = next;
    checkedTail = tail;
    // past the end it is replaced even with a message in hand (its retirement waits for that one)
    if (!pastEnd && !stuck) {
      return false;
    }
    long waited = pastEnd ? tail + 1 : waitingFor;
    long from = listener.retire();
    // if it moved after all (between the look above and its retirement), it reads on from there
    long start = from == next ? waited : from;
    UUID old = registration;
    listen(start);
    topic.removeMessageListener(old);
    checkedNext = Long.MIN_VALUE;
    checkedTail = Long.MIN_VALUE;
    LOG.warning(
        "The cluster reader of "
            + name
            + (pastEnd
                ? " was past the topic's end (its tail is " + tail + "; a merge replaced it)"
                : " handed over nothing for a check interval while message "
                    + waited
                    + " was there to read (the topic's tail is "
                    + tail
                    + ")")
            + "; a new reader reads on from message "
            + start);
    return true;
  }

  /**
   * Hands the topic's messages to the handler until retired; {@link #next} is the sequence of the
   * first message it has not handed over.
   */
  private final class Listener implements ReliableMessageListener<String[]> {
    private final long initial;
    private volatile long next;
    private volatile boolean handling;
    private long current;
    private boolean retired;

    Listener(long initial) {
      this.initial = initial;
      this.next = initial;
    }

    /** The sequence of the first message not handed over (the one in hand counts as handed). */
    long next() {
      return next;
    }

    /** Whether the handler has a message in hand now. */
    boolean handling() {
      return handling;
    }

    /** Stops handing over messages (waiting for the one in hand), and says where it stopped. */
    synchronized long retire() {
      retired = true;
      return next;
    }

    @Override
    public synchronized void onMessage(Message<String[]> message) {
      if (retired) {
        return;
      }
      next = current + 1;
      String[] parts = message.getMessageObject();
      if (parts.length == 0 || (!ownToo && nodeId.get().equals(parts[0]))) {
        return;
      }
      handling = true;
      try {
        handler.accept(Arrays.asList(parts));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "A cluster message could not be handled", e);
      } finally {
        handling = false;
      }
    }

    @Override
    public long retrieveInitialSequence() {
      return initial;
    }

    @Override
    public synchronized void storeSequence(long sequence) {
      current = sequence; // called before onMessage with the sequence of the message it gets
    }

    @Override
    public boolean isLossTolerant() {
      // asked when Hazelcast moved a read into the ringbuffer's bounds: up to its head (messages
      // were overwritten before they were read) or down to its tail (after a merge): go on there
      LOG.warning("The cluster reader of " + name + " fell behind; messages may have been skipped");
      return true;
    }

    @Override
    public boolean isTerminal(Throwable failure) {
      return false;
    }
  }
}
