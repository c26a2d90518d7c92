package io.syncline.change.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncline.change.catchup.ChangeQueries;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Committed changes reach the observers exactly once each, in version order. */
class ChangeSequencerTest {

  private final FakeLog log = new FakeLog();
  private final Observers observers = new Observers();
  private long now = 1_000_000;
  private final ChangeSequencer sequencer = new ChangeSequencer(observers, log, () -> now);

  @Test
  void changesCommittedOutOfOrderAreDeliveredInVersionOrder() {
    sequencer.committed(List.of(change(3)));
    assertEquals(List.of(), observers.versions);
    sequencer.committed(List.of(change(1)));
    assertEquals(List.of(1L), observers.versions);
    sequencer.committed(List.of(change(2)));
    assertEquals(List.of(1L, 2L, 3L), observers.versions);
    assertEquals(3, sequencer.currentVersion());
  }

  @Test
  void aChangeAnnouncedAgainIsNotDeliveredAgain() {
    sequencer.committed(List.of(change(1)));
    sequencer.committed(List.of(change(1), change(2)));
    sequencer.committed(List.of(change(2)));
    assertEquals(List.of(1L, 2L), observers.versions);
  }

  @Test
  void deliveryStartsAtTheEndOfTheLogAsTheNodeFoundIt() {
    log.add(change(1), change(2));
    assertEquals(2, sequencer.currentVersion());
    sequencer.committed(List.of(change(2)));
    sequencer.committed(List.of(change(3)));
    assertEquals(List.of(3L), observers.versions);
  }

  @Test
  void aVersionNobodyAnnouncedIsReadBackFromTheLogAfterAGrace() {
    assertEquals(0, sequencer.currentVersion());
    log.add(change(1), change(2)); // 1 was committed elsewhere and never announced here
    sequencer.committed(List.of(change(2)));
    now += TimeUnit.MILLISECONDS.toNanos(100);
    sequencer.catchUp();
    assertEquals(List.of(), observers.versions, "still within the grace period");
    now += TimeUnit.MILLISECONDS.toNanos(150);
    sequencer.catchUp();
    assertEquals(List.of(1L, 2L), observers.versions);
  }

  @Test
  void catchUpReadsChangesThatWereNeverAnnouncedAtAll() {
    assertEquals(0, sequencer.currentVersion());
    log.add(change(1));
    sequencer.catchUp(); // notices the log is ahead
    now += TimeUnit.MILLISECONDS.toNanos(250);
    sequencer.catchUp();
    assertEquals(List.of(1L), observers.versions);
  }

  @Test
  void anObserverThatFailsDoesNotStopLaterChanges() {
    observers.failOn = 1;
    sequencer.committed(List.of(change(1), change(2)));
    assertEquals(List.of(1L, 2L), observers.versions);
    assertEquals(2, sequencer.currentVersion());
  }

  @Test
  void changesCarriedFromOtherNodesAreHeldUpToABoundThenReadFromTheLog() {
    List<Change> many = new ArrayList<>();
    for (long v = 1; v <= ChangeSequencer.MAX_CARRIED_CHANGES; v++) {
      many.add(change(v));
    }
    sequencer.carried(many);
    assertEquals(ChangeSequencer.MAX_CARRIED_CHANGES, sequencer.carriedChanges());
    long next = ChangeSequencer.MAX_CARRIED_CHANGES + 1;
    sequencer.carried(List.of(change(next)));
    assertEquals(
        ChangeSequencer.MAX_CARRIED_CHANGES, sequencer.carriedChanges(), "held past the bound");
    assertEquals(next, sequencer.wokenTo(), "the change past the bound is to be read from the log");
  }

  private static Change change(long version) {
    return new Change(
        "Task", "t" + version, ChangeAction.UPDATE, null, version, Instant.EPOCH, "ann");
  }

  /** The log's reads: its end and a range of it. */
  private static final class FakeLog extends ChangeQueries {
    final TreeMap<Long, Change> changes = new TreeMap<>();

    void add(Change... added) {
      for (Change change : added) {
        changes.put(change.version(), change);
      }
    }

    @Override
    public long lastVersion() {
      return changes.isEmpty() ? 0 : changes.lastKey();
    }

    @Override
    public List<Change> range(long from, long to) {
      return List.copyOf(changes.subMap(from, true, to, true).values());
    }
  }

  /** The CDI event: records each version fired, and may fail on one, as an observer could. */
  private static final class Observers implements Event<Change> {
    final List<Long> versions = new ArrayList<>();
    long failOn = -1;

    @Override
    public void fire(Change change) {
      versions.add(change.version());
      if (change.version() == failOn) {
        throw new IllegalStateException("an observer failed");
      }
    }

    @Override
    public <U extends Change> CompletionStage<U> fireAsync(U event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends Change> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Event<Change> select(Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends Change> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends Change> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }
}
