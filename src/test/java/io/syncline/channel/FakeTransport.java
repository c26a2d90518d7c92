package io.syncline.channel;

import io.syncline.protocol.CloseCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A socket stand-in that records what was sent; it completes sends at once unless stalled. */
final class FakeTransport implements Transport {

  final List<String> sent = new ArrayList<>();
  final List<Consumer<Throwable>> pending = new ArrayList<>();
  CloseCode closedWith;
  boolean stalled;
  Throwable failWith;

  @Override
  public synchronized void send(String text, Consumer<Throwable> done) {
    sent.add(text);
    if (failWith != null) {
      done.accept(failWith);
    } else if (stalled) {
      pending.add(done);
    } else {
      done.accept(null);
    }
  }

  @Override
  public synchronized void close(CloseCode code, String reason) {
    closedWith = code;
  }

  /** Completes the sends held while stalled. */
  void release() {
    List<Consumer<Throwable>> held;
    synchronized (this) {
      stalled = false;
      held = new ArrayList<>(pending);
      pending.clear();
    }
    held.forEach(done -> done.accept(null));
  }
}
