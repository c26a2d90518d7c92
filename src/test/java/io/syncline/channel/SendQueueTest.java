package io.syncline.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.CloseCode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SendQueueTest {

  @Test
  void framesAreSentInOrderWithOneInFlight() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    SendQueue queue = new SendQueue(transport, 10);
    queue.offer("a");
    queue.offer("b");
    queue.offer("c");
    assertEquals(List.of("a"), transport.sent, "only one send may be in flight");
    transport.release();
    assertEquals(List.of("a", "b", "c"), transport.sent);
  }

  @Test
  void sendsThatCompleteOnTheCallingThreadDoNotRecurse() {
    FakeTransport transport = new FakeTransport();
    SendQueue queue = new SendQueue(transport, 200_000);
    IntStream.range(0, 100_000).forEach(i -> queue.offer("f" + i));
    assertEquals(100_000, transport.sent.size());
    assertEquals(0, queue.size());
  }

  @Test
  void aFullQueueRefusesTheFrame() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    SendQueue queue = new SendQueue(transport, 2);
    assertTrue(queue.offer("in flight"));
    assertTrue(queue.offer("queued 1"));
    assertTrue(queue.offer("queued 2"));
    assertFalse(queue.offer("one too many"));
  }

  @Test
  void finishClosesOnlyAfterWhatWasQueued() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    SendQueue queue = new SendQueue(transport, 10);
    queue.offer("error frame");
    queue.finish(CloseCode.TOO_LARGE, "too large");
    assertNull(transport.closedWith);
    transport.release();
    assertEquals(CloseCode.TOO_LARGE, transport.closedWith);
    assertEquals(List.of("error frame"), transport.sent);
  }

  @Test
  void abortDropsWhatIsQueuedAndClosesAtOnce() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    SendQueue queue = new SendQueue(transport, 10);
    queue.offer("a");
    queue.offer("b");
    queue.abort(CloseCode.SLOW_CONSUMER, "slow");
    assertEquals(CloseCode.SLOW_CONSUMER, transport.closedWith);
    transport.release();
    assertEquals(List.of("a"), transport.sent);
  }

  @Test
  void aCloseWaitingOnASendThatNeverCompletesIsMadeOnceOverdue() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    SendQueue queue = new SendQueue(transport, 10);
    queue.offer("never written");
    queue.finish(CloseCode.POLICY_VIOLATION, "token expired");
    queue.finish(CloseCode.GOING_AWAY, "a later close does not replace the first");
    long asked = System.nanoTime();
    assertFalse(queue.abortIfCloseOverdue(asked + 1_000_000_000L, 4000));
    assertNull(transport.closedWith);
    assertTrue(queue.abortIfCloseOverdue(asked + 5_000_000_000L, 4000));
    assertEquals(CloseCode.POLICY_VIOLATION, transport.closedWith);
    assertFalse(queue.abortIfCloseOverdue(asked + 6_000_000_000L, 4000), "closed once");
  }

  @Test
  void noCloseAskedIsNeverOverdue() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    SendQueue queue = new SendQueue(transport, 10);
    queue.offer("in flight");
    assertFalse(queue.abortIfCloseOverdue(System.nanoTime() + 60_000_000_000L, 4000));
    assertNull(transport.closedWith);
  }

  @Test
  void aFailedSendClosesTheSocketAndDropsWhatIsQueued() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    SendQueue queue = new SendQueue(transport, 10);
    queue.offer("a");
    queue.offer("b");
    transport.failWith = new java.io.IOException("broken pipe");
    transport.release(); // "a" completes; "b" fails
    assertEquals(List.of("a", "b"), transport.sent);
    assertEquals(CloseCode.INTERNAL_ERROR, transport.closedWith);
    assertEquals(0, queue.size());
  }
}
