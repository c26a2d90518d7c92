package io.syncline.cluster;

import java.util.concurrent.Semaphore;

/**
 * Bounds the messages published without waiting (the feed's) that Hazelcast has not stored yet: at
 * most {@code messages} of them, and at most {@code chars} characters of their text. A sender
 * {@link #reserve reserves} room for the largest message it may send before it encodes it, so a
 * message with no room is dropped without being encoded; it then {@link Room#shrink shrinks} the
 * room to the message's real size, and {@link Room#release releases} it when the publish is done
 * (or failed).
 */
final class InFlight {

  private final Semaphore messages;
  private final Semaphore chars;
  private final int maxChars;

  InFlight(int messages, int chars) {
    this.messages = new Semaphore(messages);
    this.chars = new Semaphore(chars);
    this.maxChars = chars;
  }

  /** Room taken for one message. */
  final class Room {
    private int held;
    private boolean released;

    private Room(int held) {
      this.held = held;
    }

    /**
     * The message has {@code size} characters: gives back what was reserved beyond it (a message
     * larger than reserved still counts as the reserved size).
     */
    synchronized void shrink(int size) {
      int now = Math.max(0, Math.min(size, held));
      if (!released && now < held) {
        chars.release(held - now);
        held = now;
      }
    }

    /** The message was stored, failed, or was not sent after all: its room is free again. */
    synchronized void release() {
      if (!released) {
        released = true;
        chars.release(held);
        messages.release();
      }
    }
  }

  /**
   * Takes room for one message of at most {@code size} characters (a message larger than the whole
   * budget takes all of it); null, with nothing taken, if there is not that much room now.
   */
  Room reserve(int size) {
    int wanted = Math.max(0, Math.min(size, maxChars));
    if (!messages.tryAcquire()) {
      return null;
    }
    if (!chars.tryAcquire(wanted)) {
      messages.release();
      return null;
    }
    return new Room(wanted);
  }

  /** Characters free now. */
  int freeChars() {
    return chars.availablePermits();
  }

  /** Messages that may be started now. */
  int freeMessages() {
    return messages.availablePermits();
  }
}
