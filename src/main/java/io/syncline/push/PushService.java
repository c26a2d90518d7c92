package io.syncline.push;

import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ConflictAutoMerge;
import io.syncline.protocol.ConflictDetect;
import io.syncline.protocol.ConflictResolve;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.Push;
import io.syncline.protocol.PushAck;
import io.syncline.records.GroupCommit;
import io.syncline.records.RecordReads;
import io.syncline.records.ThreeWayMerge;
import io.syncline.records.Write;
import io.syncline.records.WriteOutcome;
import io.syncline.store.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The socket's edge of the write path: a {@code push} or {@code conflict:resolve} becomes a {@link
 * Write}, committed with others that arrive at the same time ({@link GroupCommit}) while the thread
 * that read it goes back to reading, and what it did becomes the pusher's replies ({@code
 * push_ack}, {@code conflict:detect} with its {@code conflict:manual-resolution}, {@code
 * conflict:auto-merge}).
 */
@ApplicationScoped
public class PushService {

  private GroupCommit writes;
  private RecordReads reads;
  private PendingConflicts conflicts;

  protected PushService() {}

  @Inject
  public PushService(GroupCommit writes, RecordReads reads, PendingConflicts conflicts) {
    this.writes = writes;
    this.reads = reads;
    this.conflicts = conflicts;
  }

  /**
   * Applies a push as the current caller; {@code actor} is the pusher, who alone may settle a
   * conflict it meets. Returns at once: the replies complete once the write committed, or the
   * future completes with its refusal.
   */
  public CompletableFuture<PushOutcome> push(String actor, Push push) {
    Metrics.PUSHES.inc("record");
    return replies(actor, push, writes.submit(write(push, op(push.action()), push.baseVersion())));
  }

  /** Settles a conflict this actor was sent; like {@link #push}, it returns at once. */
  public CompletableFuture<PushOutcome> resolve(String actor, ConflictResolve resolve) {
    Push push = conflicts.take(resolve.conflictId(), actor).push();
    return switch (resolve.choice()) {
      case "remote" ->
          CompletableFuture.completedFuture(
              PushOutcome.of(
                  ack(
                      push,
                      reads
                          .find(push.entity(), push.entityId())
                          .map(StoredRecord::version)
                          .orElse(0L))));
      case "local" -> {
        // the same push, now applied over whatever the record has become
        Write.Op op = push.action() == ChangeAction.CREATE ? Write.Op.UPSERT : op(push.action());
        yield replies(actor, push, writes.submit(write(push, op, null)));
      }
      default -> {
        if (!(resolve.data() instanceof JsonObject merged)) {
          throw new ProtocolException(
              ErrorCode.BAD_MESSAGE, "field 'data' must be an object when choice is merged");
        }
        yield replies(
            actor,
            push,
            writes.submit(
                new Write(
                    push.entity(),
                    push.entityId(),
                    Write.Op.UPSERT,
                    merged,
                    null,
                    Write.OnStale.STRATEGY,
                    push.mutationId())));
      }
    };
  }

  private static Write.Op op(ChangeAction action) {
    return switch (action) {
      case CREATE -> Write.Op.CREATE;
      case UPDATE -> Write.Op.PATCH;
      case DELETE -> Write.Op.DELETE;
    };
  }

  private static Write write(Push push, Write.Op op, Long baseVersion) {
    return new Write(
        push.entity(),
        push.entityId(),
        op,
        push.data(),
        baseVersion,
        Write.OnStale.STRATEGY,
        push.mutationId());
  }

  private CompletableFuture<PushOutcome> replies(
      String actor, Push push, CompletableFuture<WriteOutcome> outcome) {
    return outcome.thenApply(written -> replies(actor, push, written));
  }

  private PushOutcome replies(String actor, Push push, WriteOutcome outcome) {
    if (outcome instanceof WriteOutcome.Applied applied) {
      PushAck ack = ack(push, applied.record().version());
      return applied.merge() == null
          ? PushOutcome.of(ack)
          : PushOutcome.of(autoMerge(applied.merge()), ack);
    }
    if (outcome instanceof WriteOutcome.Replayed replayed) {
      return PushOutcome.of(
          new PushAck(replayed.entity(), replayed.id(), replayed.version(), push.mutationId()));
    }
    WriteOutcome.Conflicted conflicted = (WriteOutcome.Conflicted) outcome;
    ConflictDetect detect = detect(actor, push, conflicted.current(), conflicted.conflictType());
    return PushOutcome.of(
        detect, ManualResolution.of(detect.conflictId(), actor, push, conflicted.current()));
  }

  private static ConflictAutoMerge autoMerge(ThreeWayMerge merge) {
    JsonObject result =
        JsonFactory.JSON
            .createObjectBuilder()
            .add("merged", merge.merged())
            .add("accepted", JsonFactory.JSON.createArrayBuilder(merge.accepted()))
            .add("rejected", JsonFactory.JSON.createArrayBuilder(merge.rejected()))
            .build();
    return new ConflictAutoMerge(UUID.randomUUID().toString(), "field-level", result);
  }

  private ConflictDetect detect(String actor, Push push, StoredRecord current, String type) {
    String conflictId = conflicts.add(actor, push);
    JsonObject local =
        JsonFactory.JSON
            .createObjectBuilder()
            .add("version", push.baseVersion() == null ? 0 : push.baseVersion())
            .add("data", push.data() == null ? JsonValue.NULL : push.data())
            .build();
    JsonObject remote =
        JsonFactory.JSON
            .createObjectBuilder()
            .add("version", current.version())
            .add("data", current.data())
            .build();
    return new ConflictDetect(
        conflictId,
        push.entity(),
        push.entityId(),
        JsonFactory.JSON.createObjectBuilder().add("local", local).add("remote", remote).build(),
        type);
  }

  private static PushAck ack(Push push, long version) {
    return new PushAck(push.entity(), push.entityId(), version, push.mutationId());
  }
}
