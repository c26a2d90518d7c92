package io.syncline.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.records.Write.OnStale;
import io.syncline.records.Write.Op;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import jakarta.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit: writes that wait together commit together, each with its own outcome and caller.
 */
class GroupCommitTest {

  private final ActorContext actors = new ActorContext();
  private final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService threads = Executors.newFixedThreadPool(8);

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  private static Write create(String id) {
    return new Write(
        "Note",
        id,
        Op.CREATE,
        Json.createObjectBuilder().add("t", id).build(),
        null,
        OnStale.STRATEGY,
        null);
  }

  private static Caller user(String id) {
    return new Caller(id, Set.of("user"), null, null);
  }

  /** The outcome a fake store gives: the id written, and the caller's id as the "version" owner. */
  private static WriteOutcome outcome(Write write, Caller caller) {
    return new WriteOutcome.Replayed(caller.userId(), write.id(), write.id().hashCode());
  }

  private Future<WriteOutcome> writeAs(GroupCommit commit, Caller caller, Write write) {
    return threads.submit(() -> actors.runAs(caller, () -> commit.write(write)));
  }

  private static void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.onSpinWait();
    }
  }

  @Test
  void writesArrivingDuringACommitAreCommittedTogetherEachAsItsOwnCaller() throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    GroupCommit commit =
        new GroupCommit(
            actors,
            (writes, callers) -> {
              List<String> ids = new ArrayList<>();
              List<WriteOutcome> outcomes = new ArrayList<>();
              for (int i = 0; i < writes.size(); i++) {
                ids.add(callers.get(i).userId() + ":" + writes.get(i).id());
                outcomes.add(outcome(writes.get(i), callers.get(i)));
              }
              transactions.add(ids);
              return outcomes;
            },
            write -> {
              transactions.add(List.of(actors.caller().userId() + ":" + write.id()));
              firstHeld.countDown();
              try {
                assertTrue(releaseFirst.await(10, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return outcome(write, actors.caller());
            },
            threads);

    long[] batchesBefore = Metrics.GROUP_COMMIT_BATCH.snapshot();
    Future<WriteOutcome> first = writeAs(commit, user("a"), create("1"));
    assertTrue(firstHeld.await(10, TimeUnit.SECONDS));
    Future<WriteOutcome> b = writeAs(commit, user("b"), create("2"));
    Future<WriteOutcome> c = writeAs(commit, user("c"), create("3"));
    Future<WriteOutcome> d = writeAs(commit, user("d"), create("4"));
    await("three writes queued behind the first commit", () -> commit.waiting() == 3);
    releaseFirst.countDown();

    assertEquals("a", ((WriteOutcome.Replayed) first.get(10, TimeUnit.SECONDS)).entity());
    assertEquals("2", ((WriteOutcome.Replayed) b.get(10, TimeUnit.SECONDS)).id());
    assertEquals("c", ((WriteOutcome.Replayed) c.get(10, TimeUnit.SECONDS)).entity());
    assertEquals("4", ((WriteOutcome.Replayed) d.get(10, TimeUnit.SECONDS)).id());
    assertEquals(
        2, transactions.size(), "one transaction alone, then one for the three: " + transactions);
    assertEquals(Set.of("b:2", "c:3", "d:4"), Set.copyOf(transactions.get(1)));
    long[] batchesAfter = Metrics.GROUP_COMMIT_BATCH.snapshot();
    assertEquals(1, batchesAfter[0] - batchesBefore[0], "one batch of one");
    assertEquals(1, batchesAfter[2] - batchesBefore[2], "one batch of three (3–4)");
  }

  @Test
  void aRefusedWriteRollsItsBatchBackAndTheOthersAreAppliedOnTheirOwn() throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    ProtocolException refusal = new ProtocolException(ErrorCode.FORBIDDEN, "not yours");
    GroupCommit commit =
        new GroupCommit(
            actors,
            (writes, callers) -> {
              transactions.add(List.of("batch of " + writes.size()));
              // one was refused: the whole batch rolls back
              throw new BatchRefused(
                  writes.stream().map(Write::id).toList().indexOf("bad"), refusal);
            },
            write -> {
              holdIfFirst(write, firstHeld, releaseFirst);
              transactions.add(List.of("alone " + write.id()));
              if (write.id().equals("bad")) {
                throw refusal;
              }
              return outcome(write, actors.caller());
            },
            threads);

    Future<WriteOutcome> first = writeAs(commit, user("a"), create("0"));
    assertTrue(firstHeld.await(10, TimeUnit.SECONDS));
    Future<WriteOutcome> good = writeAs(commit, user("b"), create("ok"));
    Future<WriteOutcome> bad = writeAs(commit, user("c"), create("bad"));
    await("two writes queued", () -> commit.waiting() == 2);
    releaseFirst.countDown();

    first.get(10, TimeUnit.SECONDS);
    WriteOutcome applied = good.get(10, TimeUnit.SECONDS);
    assertEquals("b", ((WriteOutcome.Replayed) applied).entity(), "applied as its own caller");
    java.util.concurrent.ExecutionException failed =
        assertThrows(
            java.util.concurrent.ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
    assertSame(refusal, failed.getCause(), "the refused writer gets its own error, unwrapped");
    assertTrue(transactions.contains(List.of("batch of 2")), transactions.toString());
    assertTrue(transactions.contains(List.of("alone ok")), transactions.toString());
  }

  @Test
  void aFailedCommitIsReportedToEveryWriterOfTheBatchAndNothingIsAppliedAgain() throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    IllegalStateException commitFailed = new IllegalStateException("connection lost in COMMIT");
    GroupCommit commit =
        new GroupCommit(
            actors,
            (writes, callers) -> {
              transactions.add(List.of("batch of " + writes.size()));
              throw commitFailed; // the commit may have happened: retrying could write twice
            },
            write -> {
              transactions.add(List.of("alone " + write.id()));
              holdIfFirst(write, firstHeld, releaseFirst);
              return outcome(write, actors.caller());
            },
            threads);

    Future<WriteOutcome> first = writeAs(commit, user("a"), create("0"));
    assertTrue(firstHeld.await(10, TimeUnit.SECONDS));
    Future<WriteOutcome> b = writeAs(commit, user("b"), create("1"));
    Future<WriteOutcome> c = writeAs(commit, user("c"), create("2"));
    await("two writes queued", () -> commit.waiting() == 2);
    releaseFirst.countDown();

    first.get(10, TimeUnit.SECONDS);
    for (Future<WriteOutcome> failed : List.of(b, c)) {
      java.util.concurrent.ExecutionException e =
          assertThrows(
              java.util.concurrent.ExecutionException.class,
              () -> failed.get(10, TimeUnit.SECONDS));
      assertSame(commitFailed, e.getCause());
    }
    assertEquals(
        List.of(List.of("alone 0"), List.of("batch of 2")),
        transactions,
        "nothing applied again after a failed commit");
  }

  @Test
  void manyConcurrentWritersEachGetTheirOwnOutcome() throws Exception {
    GroupCommit commit =
        new GroupCommit(
            actors,
            (writes, callers) -> {
              List<WriteOutcome> outcomes = new ArrayList<>();
              for (int i = 0; i < writes.size(); i++) {
                outcomes.add(outcome(writes.get(i), callers.get(i)));
              }
              transactions.add(List.of(Integer.toString(writes.size())));
              return outcomes;
            },
            write -> outcome(write, actors.caller()),
            threads);
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      String name = "w" + w;
      writers.add(
          CompletableFuture.runAsync(
              () ->
                  actors.runAs(
                      user(name),
                      () -> {
                        for (int i = 0; i < 500; i++) {
                          WriteOutcome.Replayed got =
                              (WriteOutcome.Replayed) commit.write(create(name + "-" + i));
                          assertEquals(name, got.entity());
                          assertEquals(name + "-" + i, got.id());
                        }
                        return null;
                      }),
              threads));
    }
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    assertEquals(0, commit.waiting());
  }

  /** A fake that records each transaction's writes in order, and holds write "0" until released. */
  private GroupCommit holdingFirst(CountDownLatch firstHeld, CountDownLatch releaseFirst) {
    return new GroupCommit(
        actors,
        (writes, callers) -> {
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < writes.size(); i++) {
            ids.add(callers.get(i).userId() + ":" + writes.get(i).id());
          }
          transactions.add(ids);
          int bad = writes.stream().map(Write::id).toList().indexOf("bad");
          if (bad >= 0) {
            throw new BatchRefused(bad, new ProtocolException(ErrorCode.FORBIDDEN, "not yours"));
          }
          if (ids.stream().anyMatch(id -> id.endsWith(":unflushable"))) {
            throw BatchRefused.unattributed(new IllegalStateException("the last flush failed"));
          }
          List<WriteOutcome> outcomes = new ArrayList<>();
          for (int i = 0; i < writes.size(); i++) {
            outcomes.add(outcome(writes.get(i), callers.get(i)));
          }
          return outcomes;
        },
        write -> {
          transactions.add(List.of(actors.caller().userId() + ":" + write.id()));
          if (write.id().equals("0")) {
            firstHeld.countDown();
            try {
              assertTrue(releaseFirst.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }
          if (write.id().equals("bad")) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "not yours");
          }
          if (write.id().equals("unflushable")) {
            throw new IllegalStateException("its row is refused");
          }
          return outcome(write, actors.caller());
        },
        threads);
  }

  private CompletableFuture<WriteOutcome> submitAs(GroupCommit commit, Caller caller, String id) {
    return actors.runAs(caller, () -> commit.submit(create(id)));
  }

  @Test
  void submittedWritesReturnAtOnceAndCommitTogetherInTheOrderTheyCame() throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    GroupCommit commit = holdingFirst(firstHeld, releaseFirst);

    CompletableFuture<WriteOutcome> first = submitAs(commit, user("a"), "0");
    assertTrue(firstHeld.await(10, TimeUnit.SECONDS), "committed on the committer's thread");
    List<CompletableFuture<WriteOutcome>> next = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      next.add(submitAs(commit, user(i % 2 == 0 ? "b" : "c"), Integer.toString(i)));
    }
    assertEquals(5, commit.waiting(), "the submitting thread did not wait for a commit");
    assertTrue(next.stream().noneMatch(CompletableFuture::isDone));
    releaseFirst.countDown();

    assertEquals("0", ((WriteOutcome.Replayed) first.get(10, TimeUnit.SECONDS)).id());
    for (int i = 1; i <= 5; i++) {
      WriteOutcome.Replayed got = (WriteOutcome.Replayed) next.get(i - 1).get(10, TimeUnit.SECONDS);
      assertEquals(Integer.toString(i), got.id());
      assertEquals(i % 2 == 0 ? "b" : "c", got.entity(), "written as its own caller");
    }
    assertEquals(
        List.of(List.of("a:0"), List.of("c:1", "b:2", "c:3", "b:4", "c:5")),
        transactions,
        "one transaction alone, then the five together, in the order they were submitted");
  }

  /**
   * Submits write "0" as "a" and, while its commit is held, {@code ids} as "b" (so they wait
   * together); then lets the commit go on. Returns the futures of {@code ids}, once "0" committed.
   */
  private List<CompletableFuture<WriteOutcome>> submittedTogether(List<String> ids)
      throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    GroupCommit commit = holdingFirst(firstHeld, releaseFirst);

    CompletableFuture<WriteOutcome> first = submitAs(commit, user("a"), "0");
    assertTrue(firstHeld.await(10, TimeUnit.SECONDS));
    List<CompletableFuture<WriteOutcome>> next = new ArrayList<>();
    for (String id : ids) {
      next.add(submitAs(commit, user("b"), id));
    }
    releaseFirst.countDown();
    first.get(10, TimeUnit.SECONDS);
    return next;
  }

  @Test
  void aRefusedWriteInABatchLeavesTheOthersCommittedInTheirOrder() throws Exception {
    List<CompletableFuture<WriteOutcome>> next =
        submittedTogether(List.of("1", "2", "bad", "3", "4"));

    java.util.concurrent.ExecutionException refused =
        assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> next.get(2).get(10, TimeUnit.SECONDS));
    assertEquals(ErrorCode.FORBIDDEN, ((ProtocolException) refused.getCause()).code());
    for (int i : List.of(0, 1, 3, 4)) {
      assertEquals("b", ((WriteOutcome.Replayed) next.get(i).get(10, TimeUnit.SECONDS)).entity());
    }
    assertEquals(
        List.of(
            List.of("a:0"),
            List.of("b:1", "b:2", "b:bad", "b:3", "b:4"),
            List.of("b:1", "b:2"),
            List.of("b:bad"),
            List.of("b:3", "b:4")),
        transactions,
        "rolled back, then the writes before the refused one, it alone, and the rest");
  }

  @Test
  void aBatchWhoseLastFlushFailsIsCommittedAgainOneWriteAtATime() throws Exception {
    List<CompletableFuture<WriteOutcome>> next =
        submittedTogether(List.of("1", "unflushable", "2"));

    java.util.concurrent.ExecutionException failed =
        assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> next.get(1).get(10, TimeUnit.SECONDS));
    assertEquals("its row is refused", failed.getCause().getMessage(), "its own error");
    assertEquals("1", ((WriteOutcome.Replayed) next.get(0).get(10, TimeUnit.SECONDS)).id());
    assertEquals("2", ((WriteOutcome.Replayed) next.get(2).get(10, TimeUnit.SECONDS)).id());
    assertEquals(
        List.of(
            List.of("a:0"),
            List.of("b:1", "b:unflushable", "b:2"),
            List.of("b:1"),
            List.of("b:unflushable"),
            List.of("b:2")),
        transactions,
        "rolled back, then each write alone, in order");
  }

  @Test
  void aWriteSubmittedOnceTheCommitterStoppedIsCommittedOnTheSubmittingThread() {
    ExecutorService stopped = Executors.newSingleThreadExecutor();
    stopped.shutdown();
    committedOnTheSubmittingThread(stopped);
  }

  @Test
  void aWriteIsCommittedOnTheSubmittingThreadWhenNoCommitterThreadCanBeMade() {
    committedOnTheSubmittingThread(
        task -> {
          throw new IllegalStateException("the thread factory is stopped");
        });
  }

  /**
   * Two writes submitted where {@code committer} takes no task: each commits before submit returns.
   */
  private void committedOnTheSubmittingThread(java.util.concurrent.Executor committer) {
    List<String> committedOn = Collections.synchronizedList(new ArrayList<>());
    GroupCommit commit =
        new GroupCommit(
            actors,
            (writes, callers) -> {
              throw new AssertionError("one write at a time here");
            },
            write -> {
              committedOn.add(Thread.currentThread().getName());
              transactions.add(List.of(actors.caller().userId() + ":" + write.id()));
              return outcome(write, actors.caller());
            },
            committer);

    CompletableFuture<WriteOutcome> late = submitAs(commit, user("a"), "late");
    CompletableFuture<WriteOutcome> later = submitAs(commit, user("b"), "later");

    assertTrue(late.isDone() && later.isDone(), "committed before submit returned");
    assertEquals("late", ((WriteOutcome.Replayed) late.join()).id());
    assertEquals("b", ((WriteOutcome.Replayed) later.join()).entity(), "as its own caller");
    assertEquals(List.of(List.of("a:late"), List.of("b:later")), transactions);
    assertEquals(
        List.of(Thread.currentThread().getName(), Thread.currentThread().getName()), committedOn);
    assertEquals(0, commit.waiting());
  }

  @Test
  void submitWaitsForRoomOnceTheMostWritesWait() throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    GroupCommit commit = holdingFirst(firstHeld, releaseFirst);

    List<CompletableFuture<WriteOutcome>> submitted = new ArrayList<>();
    submitted.add(submitAs(commit, user("a"), "0"));
    assertTrue(firstHeld.await(10, TimeUnit.SECONDS));
    for (int i = 1; i < GroupCommit.MAX_SUBMITTED; i++) {
      submitted.add(submitAs(commit, user("a"), "w" + i));
    }
    CompletableFuture<CompletableFuture<WriteOutcome>> oneMore = new CompletableFuture<>();
    Thread late =
        new Thread(() -> oneMore.complete(submitAs(commit, user("z"), "late")), "late-submitter");
    late.start();
    await("the late submitter waiting for room", () -> late.getState() == Thread.State.WAITING);
    assertEquals(GroupCommit.MAX_SUBMITTED - 1, commit.waiting(), "it was not queued");
    assertFalse(oneMore.isDone(), "it waits");

    releaseFirst.countDown();
    WriteOutcome.Replayed got =
        (WriteOutcome.Replayed) oneMore.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    assertEquals("late", got.id());
    assertEquals("z", got.entity());
    for (CompletableFuture<WriteOutcome> each : submitted) {
      each.get(10, TimeUnit.SECONDS);
    }
    late.join(10_000);
    assertEquals(0, commit.waiting());
  }

  @Test
  void aCommitThatGoesWrongUnexpectedlyAnswersItsWritersAndTheNextWritesStillCommit()
      throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    GroupCommit commit =
        new GroupCommit(
            actors,
            (writes, callers) -> List.of(), // a broken batch: no outcome for anyone
            write -> {
              holdIfFirst(write, firstHeld, releaseFirst);
              return outcome(write, actors.caller());
            },
            threads);

    CompletableFuture<WriteOutcome> first = submitAs(commit, user("a"), "0");
    assertTrue(firstHeld.await(10, TimeUnit.SECONDS));
    CompletableFuture<WriteOutcome> b = submitAs(commit, user("b"), "1");
    CompletableFuture<WriteOutcome> c = submitAs(commit, user("c"), "2");
    releaseFirst.countDown();

    first.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<WriteOutcome> broken : List.of(b, c)) {
      java.util.concurrent.ExecutionException e =
          assertThrows(
              java.util.concurrent.ExecutionException.class,
              () -> broken.get(10, TimeUnit.SECONDS));
      assertInstanceOf(IndexOutOfBoundsException.class, e.getCause());
    }
    assertEquals(
        "3",
        ((WriteOutcome.Replayed) submitAs(commit, user("d"), "3").get(10, TimeUnit.SECONDS)).id());
  }

  /** Holds write "0" (after opening {@code held}) until {@code release} opens. */
  private static void holdIfFirst(Write write, CountDownLatch held, CountDownLatch release) {
    if (write.id().equals("0")) {
      held.countDown();
      try {
        assertTrue(release.await(10, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Throws a checked exception where the compiler does not expect one, as a proxy may. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable e) throws T {
    throw (T) e;
  }

  @Test
  void aCheckedExceptionFromTheCommitReachesEveryWriterAndTheNextWritesStillCommit()
      throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    Exception rolledBack =
        new Exception("RollbackException, as WildFly's @Transactional throws it");
    GroupCommit commit =
        new GroupCommit(
            actors,
            (writes, callers) -> {
              throw GroupCommitTest.<RuntimeException>sneaky(rolledBack);
            },
            write -> {
              holdIfFirst(write, firstHeld, releaseFirst);
              if (write.id().equals("alone-fails")) {
                throw GroupCommitTest.<RuntimeException>sneaky(rolledBack);
              }
              return outcome(write, actors.caller());
            },
            threads);

    CompletableFuture<WriteOutcome> first = submitAs(commit, user("a"), "0");
    assertTrue(firstHeld.await(10, TimeUnit.SECONDS));
    CompletableFuture<WriteOutcome> b = submitAs(commit, user("b"), "1");
    CompletableFuture<WriteOutcome> c = submitAs(commit, user("c"), "2");
    releaseFirst.countDown();

    first.get(10, TimeUnit.SECONDS);
    for (CompletableFuture<WriteOutcome> failed : List.of(b, c)) {
      java.util.concurrent.ExecutionException e =
          assertThrows(
              java.util.concurrent.ExecutionException.class,
              () -> failed.get(10, TimeUnit.SECONDS));
      assertSame(rolledBack, e.getCause());
    }
    java.util.concurrent.ExecutionException alone =
        assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> submitAs(commit, user("d"), "alone-fails").get(10, TimeUnit.SECONDS));
    assertSame(rolledBack, alone.getCause());
    assertEquals(
        "3",
        ((WriteOutcome.Replayed) submitAs(commit, user("d"), "3").get(10, TimeUnit.SECONDS)).id());
  }
}
