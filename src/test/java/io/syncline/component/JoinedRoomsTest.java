package io.syncline.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rule that keeps a joiner in a cluster from getting a change twice: told the room's state at
 * sequence N, it is not given the relayed changes up to N (they are in the state), only later ones.
 */
class JoinedRoomsTest {

  private final Set<String> members = new HashSet<>(Set.of("joiner", "member"));
  private final JoinedRooms rooms = new JoinedRooms(100, (room, id) -> members.contains(id));

  /** Who of the members gets the change that arrives at {@code seq}. */
  private List<String> receive(String room, String epoch, long seq) {
    List<String> got = new ArrayList<>();
    rooms.received(
        room,
        epoch,
        seq,
        notTold -> {
          for (String id : List.of("joiner", "member")) {
            if (notTold.test(id)) {
              got.add(id);
            }
          }
        });
    return got;
  }

  private void join(String room, String epoch, long seq) {
    rooms.joined(room, "joiner", epoch, seq, () -> {});
  }

  @Test
  void aJoinerToldTheStateAtNGetsChangeNPlusOneButNotN() {
    assertEquals(List.of("joiner", "member"), receive("r", "e", 3));
    join("r", "e", 5); // changes 4 and 5 are in the state told, still on their way here
    assertEquals(List.of("member"), receive("r", "e", 4));
    assertEquals(List.of("member"), receive("r", "e", 5));
    assertEquals(List.of("joiner", "member"), receive("r", "e", 6));
    assertEquals(0, rooms.noted(), "the note is dropped once change 5 arrived");
  }

  @Test
  void aJoinerToldAStateWhoseLastChangeArrivedAlreadyIsNotNoted() {
    receive("r", "e", 5);
    join("r", "e", 5);
    assertEquals(0, rooms.noted());
    assertEquals(List.of("joiner", "member"), receive("r", "e", 6));
  }

  @Test
  void aJoinerOnANodeThatHeardNothingOfTheRoomYetIsNotGivenWhatItWasTold() {
    join("r", "e", 7);
    assertEquals(List.of("member"), receive("r", "e", 7));
    assertEquals(List.of("joiner", "member"), receive("r", "e", 8));
  }

  @Test
  void aJoinerToldNoStateGetsEveryChange() {
    rooms.joined("r", "joiner", null, 0, () -> {});
    assertEquals(0, rooms.noted());
    assertEquals(List.of("joiner", "member"), receive("r", "e", 1));
  }

  @Test
  void aChangeOfAnotherStateOfTheRoomIsDelivered() {
    join("r", "old", 5); // the state was dropped after its TTL and made anew: sequence from 1
    assertEquals(List.of("joiner", "member"), receive("r", "new", 1));
    assertEquals(0, rooms.noted());
  }

  @Test
  void theStateIsToldWhileNoChangeOfTheRoomIsDelivered() throws InterruptedException {
    List<String> order = new ArrayList<>();
    Thread[] delivery = new Thread[1];
    rooms.joined(
        "r",
        "joiner",
        "e",
        1,
        () -> {
          delivery[0] =
              new Thread(
                  () ->
                      rooms.received(
                          "r",
                          "e",
                          2,
                          notTold -> {
                            synchronized (order) {
                              order.add("change 2");
                            }
                          }));
          delivery[0].start();
          // the change waits for the room (blocked), or, if nothing held it, is delivered first
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          while (delivery[0].getState() != Thread.State.BLOCKED
              && delivery[0].isAlive()
              && System.nanoTime() < deadline) {
            Thread.onSpinWait();
          }
          synchronized (order) {
            order.add("state 1");
          }
        });
    delivery[0].join(10_000);
    assertEquals(List.of("state 1", "change 2"), order);
  }

  @Test
  void notesOfConnectionsThatLeftAreDroppedAtTheNextJoin() {
    join("r", "e", 5);
    assertEquals(1, rooms.noted());
    members.remove("joiner");
    rooms.joined("r", "member", "e", 5, () -> {});
    assertEquals(1, rooms.noted(), "only the member's own note is left");
  }

  @Test
  void aRoomWithANoteIsKeptPastTheBound() {
    JoinedRooms few = new JoinedRooms(1, (room, id) -> true);
    few.joined("a", "joiner", "e", 5, () -> {});
    for (String other : List.of("b", "c", "d")) {
      few.received(other, "e", 1, notTold -> {});
    }
    List<String> got = new ArrayList<>();
    few.received(
        "a",
        "e",
        5,
        notTold -> {
          if (notTold.test("joiner")) {
            got.add("joiner");
          }
        });
    assertEquals(List.of(), got, "the joiner's note outlived the other rooms");
  }

  @Test
  void aNoteWhoseChangeNeverComesExpiresAndTheRoomsShrinkBackToTheBound() {
    long[] now = {0};
    JoinedRooms few = new JoinedRooms(1, (room, id) -> true, () -> now[0]);
    few.joined("a", "joiner", "e", 5, () -> {}); // change 5 arrived before this node knew "a"
    for (String other : List.of("b", "c", "d")) {
      few.received(other, "e", 1, notTold -> {});
    }
    assertEquals(2, few.size(), "the room with a note waiting is kept past the bound");
    now[0] += JoinedRooms.NOTE_TTL_NANOS + 1;
    few.received("e", "e", 1, notTold -> {});
    assertEquals(1, few.size(), "its note expired: back to the bound");
    assertEquals(0, few.noted());
  }
}
