package io.syncline.change.sequencer;

import io.syncline.change.catchup.ChangeQueries;
import io.syncline.change.log.ChangeLog;
import io.syncline.change.log.CommittedChanges;
import io.syncline.change.log.CounterRow;
import io.syncline.channel.ClusterBus;
import io.syncline.channel.FeedPosition;
import io.syncline.protocol.Change;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers committed changes exactly once each, in version order. Commits are announced by {@link
 * ChangeLog} after they happen, possibly out of order across threads; a version that is not
 * announced (a change committed by another node, or by a path that skipped the announcement) is
 * read back from the log once it has been missing for a moment.
 *
 * <p>In a cluster every node runs its own sequencer over the one shared log: after a commit this
 * node sends the others the changes it committed ({@link ClusterBus#committed}; only the version if
 * they are large), and their sequencers deliver them at once in version order, reading the log only
 * for what the message did not carry; the poll is the safety net for a lost message. So each node
 * delivers every change once, to its own subscribers.
 */
@ApplicationScoped
public class ChangeSequencer implements FeedPosition, CommittedChanges {

  private static final Logger LOG = Logger.getLogger(ChangeSequencer.class.getName());
  private static final long POLL_MS = 100;
  private static final long GAP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final ReentrantLock lock = new ReentrantLock();
  private final TreeMap<Long, Change> waiting = new TreeMap<>();
  private long delivered = -1;
  private long behindSince;

  @Inject private Event<Change> events;
  @Inject private ChangeQueries queries;
  @Inject private CounterRow counter;
  @Inject private ClusterBus bus;
  private final AtomicLong wakeTo = new AtomicLong(-1);
  private final Queue<List<Change>> carried = new ConcurrentLinkedQueue<>();

  /** Most changes from other nodes' messages held for the poller; past it they are read back. */
  static final int MAX_CARRIED_CHANGES = 10_000;

  private final AtomicInteger carriedChanges = new AtomicInteger();
  @Resource private ManagedThreadFactory threads;
  private LongSupplier nanoTime = System::nanoTime;
  private volatile boolean running;
  private Thread poller;

  public ChangeSequencer() {}

  /** A sequencer outside a container, on a clock of the caller's; it does not poll by itself. */
  ChangeSequencer(Event<Change> events, ChangeQueries queries, LongSupplier nanoTime) {
    this.events = events;
    this.queries = queries;
    this.nanoTime = nanoTime;
  }

  /**
   * Starts polling for changes that were not announced, on a thread of its own rather than a
   * scheduled task: a container that suspends before it undeploys (WildFly) refuses scheduled tasks
   * meanwhile, and logs an error for each.
   */
  void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    running = true;
    poller = threads.newThread(this::poll);
    poller.setName("syncline-change-sequencer");
    poller.setDaemon(true);
    poller.start();
    bus.onCommitted(
        (version, changes) -> {
          if (changes == null) {
            wake(version);
          } else {
            carried(changes);
          }
        });
  }

  /**
   * Another node committed these changes (its message carried them): the poller delivers them in
   * order at once, without reading the log.
   */
  void carried(List<Change> changes) {
    if (carriedChanges.addAndGet(changes.size()) > MAX_CARRIED_CHANGES) {
      // other nodes commit faster than this one delivers: hold no more, read them from the log
      carriedChanges.addAndGet(-changes.size());
      wake(changes.stream().mapToLong(Change::version).max().orElse(-1));
      return;
    }
    carried.add(changes);
    Thread thread = poller;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  /** How many carried changes wait for the poller. */
  int carriedChanges() {
    return carriedChanges.get();
  }

  /** The version other nodes said they committed through, as far as this node was told. */
  long wokenTo() {
    return wakeTo.get();
  }

  /**
   * Another node committed changes through {@code version}: read them now, not at the next poll.
   */
  void wake(long version) {
    wakeTo.accumulateAndGet(version, Math::max);
    Thread thread = poller;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  private void poll() {
    long polled = System.nanoTime();
    while (running) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
      if (!running) {
        return;
      }
      boolean received = false;
      for (List<Change> changes = carried.poll(); changes != null; changes = carried.poll()) {
        carriedChanges.addAndGet(-changes.size());
        receive(changes);
        received = true;
      }
      // the log is read when woken without changes, and at least once per POLL_MS
      if (received && System.nanoTime() - polled < TimeUnit.MILLISECONDS.toNanos(POLL_MS)) {
        continue;
      }
      polled = System.nanoTime();
      if (!readThrough(wakeTo.get())) {
        catchUp();
      }
    }
  }

  /**
   * Takes the log's current end as the point from which changes are delivered. Called before this
   * node writes its first change, so that change is delivered live.
   */
  @Override
  public void ensureStarted() {
    lock.lock();
    try {
      if (delivered < 0) {
        delivered = queries.lastVersion();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether the thread that reads back unannounced changes is alive (the liveness check). */
  public boolean polling() {
    Thread thread = poller;
    return running && thread != null && thread.isAlive();
  }

  @PreDestroy
  void stop() {
    running = false;
    if (poller != null) {
      LockSupport.unpark(poller);
    }
  }

  /** Changes whose transaction committed on this node; the other nodes are told. */
  @Override
  public void committed(List<Change> changes) {
    if (bus != null) {
      try {
        bus.committed(changes); // first: the other nodes need not wait for this node's fan-out
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Telling the other nodes of a commit failed; they poll the log", e);
      }
    }
    receive(changes);
  }

  /**
   * Reads the log through {@code version} at once (another node said it committed that far).
   *
   * @return false if there was nothing to read
   */
  boolean readThrough(long version) {
    ensureStarted();
    long from;
    lock.lock();
    try {
      if (version <= delivered) {
        return false;
      }
      from = delivered + 1;
    } finally {
      lock.unlock();
    }
    try {
      receive(queries.range(from, version));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Reading another node's changes failed; the poll retries", e);
    }
    return true;
  }

  private void receive(List<Change> changes) {
    ensureStarted();
    lock.lock();
    try {
      for (Change change : changes) {
        if (change.version() > delivered) {
          waiting.put(change.version(), change);
        }
      }
      deliverInOrder();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <T> T atCurrentVersion(Supplier<T> action) {
    ensureStarted();
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long currentVersion() {
    ensureStarted();
    lock.lock();
    try {
      return Math.max(delivered, 0);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reads back versions that committed but were not announced within the grace period. Runs at
   * every poll, so the log's head is read with one plain statement ({@link
   * CounterRow#committedVersion()}; through {@link ChangeQueries} in a sequencer built without a
   * container, as in its unit test).
   */
  void catchUp() {
    try {
      ensureStarted();
      long last = counter != null ? counter.committedVersion() : queries.lastVersion();
      long from;
      lock.lock();
      try {
        if (last <= delivered) {
          behindSince = 0;
          return;
        }
        if (behindSince == 0) {
          behindSince = nanoTime.getAsLong();
          return;
        }
        if (nanoTime.getAsLong() - behindSince < GAP_GRACE_NANOS) {
          return;
        }
        from = delivered + 1;
      } finally {
        lock.unlock();
      }
      receive(queries.range(from, last));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Change feed catch-up failed; retrying", e);
    }
  }

  private void deliverInOrder() {
    while (!waiting.isEmpty() && waiting.firstKey() == delivered + 1) {
      Change next = waiting.pollFirstEntry().getValue();
      delivered = next.version();
      try {
        events.fire(next);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "A change observer failed on version " + next.version(), e);
      }
    }
    behindSince = waiting.isEmpty() ? 0 : (behindSince == 0 ? nanoTime.getAsLong() : behindSince);
  }
}
