package io.syncline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InFlightTest {

  @Test
  void roomForTheLargestMessageIsReservedThenShrunkToTheRealSize() {
    InFlight inFlight = new InFlight(100, 1_000);
    InFlight.Room first = inFlight.reserve(400);
    InFlight.Room second = inFlight.reserve(400);
    assertNotNull(first);
    assertNotNull(second);
    assertNull(inFlight.reserve(400), "only 200 characters left: not even made");
    first.shrink(50);
    assertEquals(550, inFlight.freeChars());
    assertNotNull(inFlight.reserve(400), "the unused part of a reservation is free again");
    assertEquals(150, inFlight.freeChars());
  }

  @Test
  void aStoredMessageFreesItsRoomOnce() {
    InFlight inFlight = new InFlight(100, 1_000);
    InFlight.Room room = inFlight.reserve(600);
    room.shrink(300);
    room.release();
    room.release();
    room.shrink(10);
    assertEquals(1_000, inFlight.freeChars());
    assertEquals(100, inFlight.freeMessages());
  }

  @Test
  void smallMessagesAreBoundedByCount() {
    InFlight inFlight = new InFlight(2, 1_000);
    InFlight.Room first = inFlight.reserve(10);
    assertNotNull(inFlight.reserve(10));
    assertNull(inFlight.reserve(10));
    assertEquals(980, inFlight.freeChars(), "a message refused for its count takes no characters");
    first.release();
    assertNotNull(inFlight.reserve(10));
  }

  @Test
  void aMessageLargerThanItsReservationCountsAsReserved() {
    InFlight inFlight = new InFlight(10, 1_000);
    InFlight.Room room = inFlight.reserve(100);
    room.shrink(5_000);
    assertEquals(900, inFlight.freeChars());
    room.release();
    assertEquals(1_000, inFlight.freeChars());
  }

  @Test
  void some64OfTheLargestFeedMessagesFitAtATime() {
    InFlight inFlight = new InFlight(10_000, HazelcastCluster.MAX_UNORDERED_CHARS);
    String nodeId = "0f8fad5b-d9cb-469f-a165-70867728950e";
    int largest = nodeId.length() + 65_536 + 20; // the node id, the changes carried, a version
    int fit = 0;
    while (inFlight.reserve(largest) != null) {
      fit++;
    }
    assertTrue(fit >= 60 && fit <= 64, fit + " fit; past them a message is dropped");
  }
}
