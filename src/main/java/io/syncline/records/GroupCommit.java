package io.syncline.records;

import io.syncline.ops.metrics.Metrics;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Commits concurrent single writes together. Every synced write holds the change feed's lock until
 * it commits, so writes are serial whatever happens; rather than queue for that lock in the
 * database, writers queue here. The first to get in commits every write waiting at that moment in
 * one transaction (at most {@value #MAX_BATCH}), while the next ones gather behind it; each writer
 * gets its own outcome. So the cost of a commit (the transaction, and on PostgreSQL the flush to
 * disk) is shared by all the writes that arrived during the previous one, and a burst never waits
 * on the database's lock timeout.
 *
 * <p>A batch is all or nothing: if any write in it is refused or fails, the batch is rolled back
 * and its writes are applied again one by one, each in its own transaction, so one bad write costs
 * the others only time. If the commit itself fails, every writer of the batch gets that error and
 * nothing is applied again (the commit may have happened). A write's caller goes with it: the
 * thread that commits a batch writes each one as its own caller.
 */
@ApplicationScoped
public class GroupCommit {

  static final int MAX_BATCH = 256;

  private record Pending(Write write, Caller caller, CompletableFuture<WriteOutcome> outcome) {}

  private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
  private final ReentrantLock committing = new ReentrantLock();
  private ActorContext actors;
  private BiFunction<List<Write>, List<Caller>, List<WriteOutcome>> inOneTransaction;
  private Function<Write, WriteOutcome> alone;

  protected GroupCommit() {}

  @Inject
  public GroupCommit(WriteService writes, ActorContext actors) {
    this(actors, writes::writeEach, writes::write);
  }

  /**
   * Group commit over other write functions, for tests: {@code inOneTransaction} writes a batch,
   * each write as the caller at the same index; {@code alone} one write in its own transaction, as
   * the caller the {@link ActorContext} holds.
   */
  GroupCommit(
      ActorContext actors,
      BiFunction<List<Write>, List<Caller>, List<WriteOutcome>> inOneTransaction,
      Function<Write, WriteOutcome> alone) {
    this.actors = actors;
    this.inOneTransaction = inOneTransaction;
    this.alone = alone;
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
          commit(drain());
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

  /** How many writes wait for the next commit (for tests). */
  int waiting() {
    return waiting.size();
  }

  private List<Pending> drain() {
    List<Pending> batch = new ArrayList<>();
    Pending next;
    while (batch.size() < MAX_BATCH && (next = waiting.poll()) != null) {
      batch.add(next);
    }
    return batch;
  }

  private void commit(List<Pending> batch) {
    Metrics.GROUP_COMMIT_BATCH.observe(batch.size());
    try {
      if (batch.size() > 1) {
        try {
          List<WriteOutcome> outcomes =
              inOneTransaction.apply(
                  batch.stream().map(Pending::write).toList(),
                  batch.stream().map(Pending::caller).toList());
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome().complete(outcomes.get(i));
          }
          return;
        } catch (BatchRefused refused) {
          // rolled back before its commit was tried: each is applied on its own below
        }
      }
      batch.forEach(this::commitAlone);
    } catch (RuntimeException | Error failed) {
      // the commit failed, and may have happened anyway: none is applied again, each writer is told
      batch.forEach(pending -> pending.outcome().completeExceptionally(failed));
    }
  }

  private void commitAlone(Pending pending) {
    try {
      pending
          .outcome()
          .complete(actors.runAs(pending.caller(), () -> alone.apply(pending.write())));
    } catch (RuntimeException | Error e) {
      pending.outcome().completeExceptionally(e);
    }
  }
}
