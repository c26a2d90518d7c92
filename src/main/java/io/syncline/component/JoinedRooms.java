package io.syncline.component;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * In a cluster, which relayed room changes this node must not deliver to a member that just joined.
 * A joiner is told the room's state read from the cluster map under the room's cluster lock; a
 * change made on another node just before is in that state but may still be on its way here on the
 * room's topic. Every change to a room's state carries the state's sequence number (and epoch, see
 * {@link RoomState#stamp}), so a joiner told the state at sequence N is not given the relayed
 * changes up to N, only those after.
 *
 * <p>Per room, this node keeps the sequence of the last change it received, and the joiners told a
 * state whose last change has not arrived yet (only those need a note; it is dropped when that
 * change arrives, when the connection is no longer a member, or after {@link #NOTE_TTL_NANOS}).
 * Rooms are dropped least recently used first past {@code kept}, except those with notes waiting.
 */
final class JoinedRooms {

  /** The last change received here, and joiners told a state newer than it. */
  private static final class Room {
    String epoch;
    long seq = -1;
    final Map<String, Told> told = new HashMap<>();
    boolean evicted;
  }

  private record Told(String epoch, long seq, long notedAt) {}

  /**
   * How long a note waits for its change. A change in flight arrives within milliseconds; one that
   * never comes (this node forgot the room, or restarted, after the change arrived) must not keep
   * the note, and its room, for ever. A change later still than this may reach the joiner twice.
   */
  static final long NOTE_TTL_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final int kept;
  private final BiPredicate<String, String> member;
  private final LongSupplier clock;
  private final Map<String, Room> rooms = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * @param member whether a connection (by id) is still a member of a room (by component id) here
   */
  JoinedRooms(int kept, BiPredicate<String, String> member) {
    this(kept, member, System::nanoTime);
  }

  JoinedRooms(int kept, BiPredicate<String, String> member, LongSupplier clock) {
    this.kept = kept;
    this.member = member;
    this.clock = clock;
  }

  private Room room(String componentId) {
    synchronized (rooms) {
      Room room = rooms.get(componentId);
      if (room == null) {
        room = new Room();
        rooms.put(componentId, room);
        trim(room);
      }
      return room;
    }
  }

  /**
   * Past the bound, drops the least recently used rooms that hold no note (expired notes dropped
   * first), until it is kept or only rooms with notes waiting are left; never {@code added}, the
   * room being returned. Called holding {@code rooms}.
   */
  private void trim(Room added) {
    long now = clock.getAsLong();
    Iterator<Room> eldestFirst = rooms.values().iterator();
    while (rooms.size() > kept && eldestFirst.hasNext()) {
      Room room = eldestFirst.next();
      if (room == added) {
        continue;
      }
      synchronized (room) {
        room.told.values().removeIf(told -> now - told.notedAt() > NOTE_TTL_NANOS);
        if (room.told.isEmpty()) {
          room.evicted = true;
          eldestFirst.remove();
        }
      }
    }
  }

  /** How many rooms are kept (for tests). */
  int size() {
    synchronized (rooms) {
      return rooms.size();
    }
  }

  /**
   * A connection joins a room whose state (if any: {@code epoch} null when there is none) was read
   * at sequence {@code seq}: {@code tell} (which tells it the state and ends its wait) runs while
   * no change of the room is being delivered here; then, unless the change at {@code seq} has
   * arrived here already, the changes up to it are noted as not to be given to the connection.
   */
  void joined(String componentId, String connectionId, String epoch, long seq, Runnable tell) {
    while (true) {
      Room room = room(componentId);
      synchronized (room) {
        if (room.evicted) {
          continue; // dropped meanwhile: take the one in the map
        }
        tell.run();
        room.told.keySet().removeIf(id -> !member.test(componentId, id));
        if (epoch != null && !(epoch.equals(room.epoch) && room.seq >= seq)) {
          room.told.put(connectionId, new Told(epoch, seq, clock.getAsLong()));
        } else {
          room.told.remove(connectionId);
        }
        return;
      }
    }
  }

  /**
   * A change of a room arrived, at sequence {@code seq} of state {@code epoch}: {@code deliver} is
   * called with the test of which connections (by id) get it: not those told a state that has it.
   */
  void received(String componentId, String epoch, long seq, Consumer<Predicate<String>> deliver) {
    while (true) {
      Room room = room(componentId);
      synchronized (room) {
        if (room.evicted) {
          continue;
        }
        room.epoch = epoch;
        room.seq = seq;
        if (room.told.isEmpty()) {
          deliver.accept(id -> true);
          return;
        }
        Map<String, Told> told = room.told;
        deliver.accept(
            id -> {
              Told state = told.get(id);
              return state == null || !state.epoch().equals(epoch) || seq > state.seq();
            });
        // later changes come after this one: a note up to it (or of another state) is done
        told.values().removeIf(state -> !state.epoch().equals(epoch) || state.seq() <= seq);
        return;
      }
    }
  }

  /** How many joiners are noted (for tests). */
  int noted() {
    int noted = 0;
    synchronized (rooms) {
      for (Room room : rooms.values()) {
        synchronized (room) {
          noted += room.told.size();
        }
      }
    }
    return noted;
  }
}
