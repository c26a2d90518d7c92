package io.syncline.push;

import io.syncline.change.ChangeLog;
import io.syncline.change.ChangeQueries;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ChangeData;
import io.syncline.protocol.ConflictAutoMerge;
import io.syncline.protocol.ConflictDetect;
import io.syncline.protocol.ConflictResolve;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.Push;
import io.syncline.protocol.PushAck;
import io.syncline.schema.registry.SchemaChecks;
import io.syncline.security.ActorContext;
import io.syncline.security.ChannelPolicy;
import io.syncline.store.EntityStore;
import io.syncline.store.EntityStores;
import io.syncline.store.RecordService;
import io.syncline.store.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies client pushes, each in its own transaction under the feed lock: a retried mutation id is
 * acknowledged again without being applied twice, and a push based on an older version is settled
 * by the entity's {@link ConflictStrategy}.
 */
@ApplicationScoped
public class PushService {

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  @Inject private ChangeLog changeLog;
  @Inject private ChangeQueries queries;
  @Inject private EntityStores stores;
  @Inject private PendingConflicts conflicts;
  @Inject private ChannelPolicy policy;
  @Inject private ActorContext actors;
  @Inject private SchemaChecks schemaChecks;

  @Transactional
  public PushOutcome push(String actor, Push push) {
    RecordService.checkEntity(push.entity());
    RecordService.checkId(push.entityId());
    changeLog.lockFeed();
    if (push.mutationId() != null) {
      AppliedMutation applied =
          em.find(AppliedMutation.class, new MutationKey(actor, push.mutationId()));
      if (applied != null) {
        return PushOutcome.of(
            new PushAck(
                applied.entity(), applied.entityId(), applied.version(), push.mutationId()));
      }
    }
    Optional<StoredRecord> current =
        stores.forEntity(push.entity()).find(push.entity(), push.entityId());
    policy.checkRead(actors.caller(), push.entity());
    if (current.isPresent()
        && !policy.mayRead(actors.caller(), push.entity(), current.get().data())) {
      throw new ProtocolException(
          ErrorCode.FORBIDDEN, push.entity() + " " + push.entityId() + " is not yours");
    }
    if (isStale(push, current)) {
      return onStale(actor, push, current.orElseThrow());
    }
    return PushOutcome.of(apply(actor, push, current));
  }

  /** Settles a conflict this actor was sent. */
  @Transactional
  public PushOutcome resolve(String actor, ConflictResolve resolve) {
    PendingConflicts.Pending conflict = conflicts.take(resolve.conflictId(), actor);
    Push push = conflict.push();
    changeLog.lockFeed();
    Optional<StoredRecord> current =
        stores.forEntity(push.entity()).find(push.entity(), push.entityId());
    return switch (resolve.choice()) {
      case "remote" -> PushOutcome.of(ack(push, current.map(StoredRecord::version).orElse(0L)));
      case "local" -> PushOutcome.of(apply(actor, overriding(push, current), current));
      default -> {
        if (!(resolve.data() instanceof JsonObject merged)) {
          throw new ProtocolException(
              ErrorCode.BAD_MESSAGE, "field 'data' must be an object when choice is merged");
        }
        yield PushOutcome.of(
            write(
                actor,
                push,
                current.isPresent() ? ChangeAction.UPDATE : ChangeAction.CREATE,
                merged));
      }
    };
  }

  private static boolean isStale(Push push, Optional<StoredRecord> current) {
    if (current.isEmpty()) {
      return false;
    }
    if (push.action() == ChangeAction.CREATE) {
      return true; // the record exists already: the client's base is "nothing"
    }
    return push.baseVersion() != null && push.baseVersion() < current.get().version();
  }

  private PushOutcome onStale(String actor, Push push, StoredRecord current) {
    ConflictStrategy strategy = ConflictStrategy.forEntity(push.entity());
    if (strategy == ConflictStrategy.LAST_WRITE_WINS) {
      return PushOutcome.of(
          apply(actor, overriding(push, Optional.of(current)), Optional.of(current)));
    }
    if (strategy == ConflictStrategy.MERGE
        && push.action() == ChangeAction.UPDATE
        && push.data() instanceof JsonObject patch
        && queries.dataAt(push.entity(), push.entityId(), push.baseVersion())
            instanceof JsonObject base) {
      FieldMerge merge = FieldMerge.of(base, current.data(), patch);
      if (merge.clean()) {
        PushAck ack = write(actor, push, ChangeAction.UPDATE, merge.merged());
        JsonObject result =
            JsonFactory.JSON
                .createObjectBuilder()
                .add("merged", merge.merged())
                .add("accepted", JsonFactory.JSON.createArrayBuilder(merge.accepted()))
                .add("rejected", JsonValue.EMPTY_JSON_ARRAY)
                .build();
        return PushOutcome.of(
            new ConflictAutoMerge(UUID.randomUUID().toString(), "merge", result), ack);
      }
      return PushOutcome.of(detect(actor, push, current, "data"));
    }
    return PushOutcome.of(detect(actor, push, current, "version"));
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

  /** Applies a push that is not stale. */
  private PushAck apply(String actor, Push push, Optional<StoredRecord> current) {
    return switch (push.action()) {
      case CREATE ->
          write(
              actor,
              push,
              current.isPresent() ? ChangeAction.UPDATE : ChangeAction.CREATE,
              data(push));
      case UPDATE ->
          write(
              actor,
              push,
              ChangeAction.UPDATE,
              RecordService.merge(existing(push, current).data(), data(push)));
      case DELETE -> {
        existing(push, current);
        yield write(actor, push, ChangeAction.DELETE, null);
      }
    };
  }

  private PushAck write(String actor, Push push, ChangeAction action, JsonObject data) {
    EntityStore store = stores.forEntity(push.entity());
    policy.checkWrite(
        actors.caller(),
        push.entity(),
        store.find(push.entity(), push.entityId()).map(StoredRecord::data).orElse(null),
        data);
    if (data != null) {
      schemaChecks.check(push.entity(), data);
    }
    ChangeData change = store.write(push.entity(), push.entityId(), action, data);
    if (push.mutationId() != null) {
      em.persist(
          new AppliedMutation(
              actor, push.mutationId(), push.entity(), push.entityId(), change.version()));
    }
    return ack(push, change.version());
  }

  private static PushAck ack(Push push, long version) {
    return new PushAck(push.entity(), push.entityId(), version, push.mutationId());
  }

  /** The same push, based on the current version so that it applies over it. */
  private static Push overriding(Push push, Optional<StoredRecord> current) {
    return new Push(
        push.entity(),
        push.entityId(),
        push.action(),
        push.data(),
        current.map(StoredRecord::version).orElse(null),
        push.mutationId());
  }

  private static StoredRecord existing(Push push, Optional<StoredRecord> current) {
    return current.orElseThrow(
        () ->
            new ProtocolException(
                ErrorCode.NOT_FOUND, "no " + push.entity() + " " + push.entityId()));
  }

  private static JsonObject data(Push push) {
    if (!(push.data() instanceof JsonObject object)) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "field 'data' must be an object for " + push.action().wireName());
    }
    return object.containsKey("id")
        ? JsonFactory.JSON.createObjectBuilder(object).remove("id").build()
        : object;
  }
}
