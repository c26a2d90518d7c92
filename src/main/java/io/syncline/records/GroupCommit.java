package io.syncline.records;

import io.syncline.ops.metrics.Metrics;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Commits concurrent single writes together. Every synced write holds the change feed's lock until
 * it commits, so writes are serial whatever happens; rather than queue for that lock in the
 * database, writers queue here, and each commit takes every write waiting at that moment (at most
 * {@value #MAX_BATCH}) into one transaction; each writer gets its own outcome. So the cost of a
 * commit (the transaction, the feed lock, and on PostgreSQL the flush to disk) is shared by all the
 * writes that arrived during the previous one.
 *
 * <p>Writes come in two ways. {@link #write} waits: the first waiting writer to get in commits the
 * batch on its own thread (REST requests). {@link #submit} does not wait: the write is committed on
 * the committer thread, and its outcome completes a future (socket pushes, so that the thread that
 * read a frame goes back to reading, and pushes from every socket can share a transaction). That
 * thread comes from the container's managed thread factory, so it carries the application's
 * context: handing each commit to the managed executor instead cost Payara a context capture of
 * about 0.4 ms per push (docs/performance.md). It is made when group commit is first used, ends
 * after a minute without writes (so that none outlives the application for long), and is made again
 * for the next. When it takes no task (the application stops, or no thread can be made), the
 * submitting thread commits what waits, until nothing does. At most {@value #MAX_SUBMITTED}
 * submitted writes wait at once; past that, {@link #submit} waits for room.
 *
 * <p>Writes commit in the order they were queued. A batch is all or nothing: if a write in it is
 * refused or fails, the batch rolls back; the writes before that one are committed again together,
 * the refused one alone (its writer gets its error), and then the writes after it, so one bad write
 * costs the others only time and changes no order. If the flush that ends the batch fails (which
 * write caused it is not known), each write is committed alone, in order. If the commit itself
 * fails, every writer of the batch gets that error and nothing is applied again (the commit may
 * have happened). A write's caller goes with it: the thread that commits a batch writes each one as
 * its own caller.
 */
@ApplicationScoped
public class GroupCommit {

  static final int MAX_BATCH = 256;
  static final int MAX_SUBMITTED = 4 * MAX_BATCH;
  private static final int BATCHES_PER_TASK = 16;
  private static final long IDLE_SECONDS = 60;

  private record Pending(Write write, Caller caller, CompletableFuture<WriteOutcome> outcome) {}

  private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
  private final ReentrantLock committing = new ReentrantLock();
  private final Semaphore room = new Semaphore(MAX_SUBMITTED);
  private final AtomicBoolean draining = new AtomicBoolean();
  @Resource private ManagedThreadFactory threads;
  private Executor committer;
  private ThreadPoolExecutor ownCommitter;
  private ActorContext actors;
  private BiFunction<List<Write>, List<Caller>, List<WriteOutcome>> inOneTransaction;
  private Function<Write, WriteOutcome> alone;

  protected GroupCommit() {}

  @Inject
  public GroupCommit(WriteService writes, ActorContext actors) {
    this(writes, actors, null);
  }

  /**
   * Group commit whose submitted writes are committed by {@code committer} rather than the
   * committer thread (for tests); null for that thread.
   */
  public GroupCommit(WriteService writes, ActorContext actors, Executor committer) {
    this(actors, writes::writeEach, writes::write, committer);
  }

  /**
   * Group commit over other write functions, for tests: {@code inOneTransaction} writes a batch,
   * each write as the caller at the same index; {@code alone} one write in its own transaction, as
   * the caller the {@link ActorContext} holds; {@code committer} runs the commits of submitted
   * writes.
   */
  GroupCommit(
      ActorContext actors,
      BiFunction<List<Write>, List<Caller>, List<WriteOutcome>> inOneTransaction,
      Function<Write, WriteOutcome> alone,
      Executor committer) {
    this.actors = actors;
    this.inOneTransaction = inOneTransaction;
    this.alone = alone;
    this.committer = committer;
  }

  @PostConstruct
  void start() {
    if (committer == null) {
      ownCommitter =
          new ThreadPoolExecutor(
              1,
              1,
              IDLE_SECONDS,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              task -> {
                Thread thread = threads.newThread(task);
                thread.setName("syncline-committer");
                thread.setDaemon(true);
                return thread;
              });
      // an idle committer ends by itself, so that none outlives the application for long
      ownCommitter.allowCoreThreadTimeOut(true);
      ownCommitter.prestartAllCoreThreads();
      committer = ownCommitter;
    }
  }

  /**
   * Stops the committer thread, waiting a few seconds at most for the commit it is in; writes
   * submitted from now on are committed by the thread that submits them (or by the committer thread
   * while it still drains).
   */
  @PreDestroy
  void stop() {
    if (ownCommitter != null) {
      ownCommitter.shutdown();
      try {
        ownCommitter.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Applies a write as the current caller, committed by the time this returns; it must not be
   * called inside a transaction (use {@link WriteService#write} there).
   */
  public WriteOutcome write(Write write) {
    Pending pending = new Pending(write, actors.caller(), new CompletableFuture<>());
    waiting.add(pending);
    while (!pending.outcome().isDone()) {
      committing.lock();
      try {
        if (!pending.outcome().isDone()) {
          commitOrFail(nextBatch());
        }
      } finally {
        committing.unlock();
      }
    }
    try {
      return pending.outcome().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException refused) {
        throw refused;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /**
   * Queues a write as the current caller and returns (at once unless {@value #MAX_SUBMITTED} wait
   * already, or the committer thread takes no task); the future completes once it committed, or
   * with the refusal or failure it met, on the thread that committed it.
   */
  public CompletableFuture<WriteOutcome> submit(Write write) {
    room.acquireUninterruptibly();
    Pending pending = new Pending(write, actors.caller(), new CompletableFuture<>());
    pending.outcome().whenComplete((outcome, failure) -> room.release());
    waiting.add(pending);
    if (draining.compareAndSet(false, true)) {
      drainLater();
    }
    return pending.outcome();
  }

  /** How many writes wait for the next commit (for tests). */
  int waiting() {
    return waiting.size();
  }

  /**
   * Gets what waits committed; the caller has set {@code draining}. The committer thread does it,
   * unless it takes no task: then this thread does.
   */
  private void drainLater() {
    if (!handOver()) {
      drain();
    }
  }

  /**
   * Hands the committing to the committer thread; false when it takes no task: the application
   * stops and the committer with it, or the thread factory gives no thread.
   */
  private boolean handOver() {
    try {
      committer.execute(this::drain);
      return true;
    } catch (RuntimeException | Error cannot) {
      return false;
    }
  }

  /**
   * Commits until nothing waits (one task at a time, and a write queued meanwhile is seen), handing
   * over to a new task after every {@value #BATCHES_PER_TASK} batches, so that no one task runs for
   * long; when the committer takes no new task, this thread goes on until nothing waits.
   */
  private void drain() {
    do {
      for (int batches = 0; batches < BATCHES_PER_TASK; batches++) {
        if (waiting.isEmpty()) {
          draining.set(false);
          if (waiting.isEmpty() || !draining.compareAndSet(false, true)) {
            return;
          }
        }
        committing.lock();
        try {
          commitOrFail(nextBatch());
        } finally {
          committing.unlock();
        }
      }
    } while (!handOver());
  }

  private List<Pending> nextBatch() {
    List<Pending> batch = new ArrayList<>();
    Pending next;
    while (batch.size() < MAX_BATCH && (next = waiting.poll()) != null) {
      batch.add(next);
    }
    return batch;
  }

  /**
   * Commits a batch; whatever goes wrong, every writer of it gets an outcome or that error (and the
   * committing task goes on with the next batch).
   */
  private void commitOrFail(List<Pending> batch) {
    try {
      commit(batch);
    } catch (Throwable unexpected) { // checked ones too: WildFly's @Transactional throws them
      batch.forEach(pending -> pending.outcome().completeExceptionally(unexpected));
    }
  }

  private void commit(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Metrics.GROUP_COMMIT_BATCH.observe(batch.size());
    if (batch.size() == 1) {
      commitAlone(batch.get(0));
      return;
    }
    List<WriteOutcome> outcomes;
    try {
      outcomes =
          inOneTransaction.apply(
              batch.stream().map(Pending::write).toList(),
              batch.stream().map(Pending::caller).toList());
    } catch (BatchRefused refused) {
      // rolled back before its commit was tried: the same writes again, in the same order
      int at = refused.index();
      if (at < 0) { // any of them may be the cause: each alone
        batch.forEach(this::commitAlone);
        return;
      }
      commit(batch.subList(0, at));
      commit(batch.subList(at, at + 1));
      commit(batch.subList(at + 1, batch.size()));
      return;
    } catch (Throwable failed) { // a checked RollbackException on WildFly
      // the commit failed, and may have happened anyway: none is applied again, each writer is told
      batch.forEach(pending -> pending.outcome().completeExceptionally(failed));
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).outcome().complete(outcomes.get(i));
    }
  }

  private void commitAlone(Pending pending) {
    try {
      pending
          .outcome()
          .complete(actors.runAs(pending.caller(), () -> alone.apply(pending.write())));
    } catch (Throwable e) {
      pending.outcome().completeExceptionally(e);
    }
  }
}
