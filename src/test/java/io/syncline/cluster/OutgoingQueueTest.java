package io.syncline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutgoingQueueTest {

  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong clock = new AtomicLong(1_000);
  private final List<Long> logged = new ArrayList<>();
  private final OutgoingQueue queue =
      new OutgoingQueue(3, dropped, clock::get, TimeUnit.MINUTES.toNanos(1), logged::add);

  private static String[] message(String text) {
    return new String[] {"node", text};
  }

  @Test
  void pastItsCapacityMessagesAreDroppedAndCountedNotQueued() throws InterruptedException {
    assertTrue(queue.offer(message("a")));
    assertTrue(queue.offer(message("b")));
    assertTrue(queue.offer(message("c")));
    assertFalse(queue.offer(message("d")));
    assertFalse(queue.offer(message("e")));
    assertEquals(3, queue.size());
    assertEquals(2, dropped.get());
    List<String> kept = new ArrayList<>();
    queue.take(10).forEach(m -> kept.add(m[1]));
    assertEquals(List.of("a", "b", "c"), kept, "what was queued is kept, in order");
    assertTrue(queue.offer(message("f")), "room again once the sender took the batch");
  }

  @Test
  void aBatchTakesAtMostItsSizeInOrder() throws InterruptedException {
    queue.offer(message("a"));
    queue.offer(message("b"));
    queue.offer(message("c"));
    List<String[]> first = queue.take(2);
    assertEquals(List.of("a", "b"), List.of(first.get(0)[1], first.get(1)[1]));
    assertEquals("c", queue.take(2).get(0)[1]);
  }

  @Test
  void dropsAreLoggedOncePerPeriodWithTheTotal() {
    for (int i = 0; i < 3; i++) {
      queue.offer(message("fill"));
    }
    queue.offer(message("x"));
    queue.offer(message("y"));
    assertEquals(List.of(1L), logged, "the first drop is logged, the next within the period not");
    clock.addAndGet(TimeUnit.MINUTES.toNanos(1));
    queue.offer(message("z"));
    assertEquals(List.of(1L, 3L), logged);
  }
}
