package io.syncline.records;

import io.syncline.change.catchup.ChangeQueries;
import io.syncline.change.log.ChangeLog;
import io.syncline.config.SynclineConfig;
import io.syncline.data.DatabaseProduct;
import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.WrittenFields;
import io.syncline.records.Write.OnStale;
import io.syncline.records.Write.Op;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import io.syncline.security.ChannelPolicy;
import io.syncline.store.EntityStores;
import io.syncline.store.FieldStamps;
import io.syncline.store.RecordIds;
import io.syncline.store.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one write path for synced records: REST, socket pushes, settled conflicts and field pushes
 * all write through here, and the edges only translate. In order, each write checks the entity and
 * id, the caller's right to write the entity, takes the feed lock, answers a retried mutation id
 * from its first application, loads the record, judges staleness by the entity's conflict rules
 * (whole records: versions and the {@link ConflictStrategy}; fields: {@link LastWriterWins}),
 * checks the caller's rights on this record and the new data ({@link WriteChecks}), writes through
 * the entity's store, which logs the change with its version, and stamps the fields it wrote
 * ({@link FieldStamps}).
 */
@ApplicationScoped
public class WriteService {

  private EntityStores stores;
  private ChangeLog changeLog;
  private ChangeQueries queries;
  private ChannelPolicy policy;
  private ActorContext actors;
  private Mutations mutations;
  private WriteChecks checks;
  private FieldStamps stamps;
  private SynclineConfig config;
  private DatabaseProduct database;
  private Function<String, ConflictStrategy> strategies = ConflictStrategy::forEntity;

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  protected WriteService() {}

  @Inject
  public WriteService(
      EntityStores stores,
      ChangeLog changeLog,
      ChangeQueries queries,
      ChannelPolicy policy,
      ActorContext actors,
      Mutations mutations,
      WriteChecks checks,
      FieldStamps stamps,
      SynclineConfig config,
      DatabaseProduct database) {
    this.stores = stores;
    this.changeLog = changeLog;
    this.queries = queries;
    this.policy = policy;
    this.actors = actors;
    this.mutations = mutations;
    this.checks = checks;
    this.stamps = stamps;
    this.config = config;
    this.database = database;
  }

  /** The same service with another source of conflict strategies, for tests. */
  public WriteService withStrategies(Function<String, ConflictStrategy> strategies) {
    this.strategies = strategies;
    return this;
  }

  /** Applies one write in its own transaction (or the caller's). */
  @Transactional
  public WriteOutcome write(Write write) {
    String entity = RecordIds.checkEntity(write.entity());
    String id =
        write.id() == null && write.op() == Op.CREATE
            ? UUID.randomUUID().toString()
            : RecordIds.checkId(write.id());
    RecordIds.checkMutationId(write.mutationId());
    Caller caller = actors.caller();
    policy.checkWrite(caller, entity, null, null); // the role, before anything is read
    changeLog.lockFeed();
    if (write.mutationId() != null) {
      Optional<WriteOutcome.Replayed> replayed =
          mutations.applied(actors.current(), write.mutationId());
      if (replayed.isPresent()) {
        return replayed.get();
      }
    }
    Optional<StoredRecord> current = stores.forEntity(entity).find(entity, id);
    if (write.onStale() == OnStale.STRATEGY) {
      checkVisible(caller, entity, id, current); // a conflict shows the writer the record
    }
    if (ConflictRules.isStale(write, current)) {
      return onStale(write, entity, id, current.orElseThrow());
    }
    return apply(write, entity, id, current);
  }

  /**
   * Applies writes of several callers in one transaction, each as the caller at the same index: all
   * of them, or none ({@link GroupCommit}). A write that is refused or fails is thrown as {@link
   * BatchRefused}, before the commit is tried, and so is a failure of the read-ahead or of the last
   * flush (which write caused it is then not known); any other exception comes from the commit
   * itself.
   */
  @Transactional
  public List<WriteOutcome> writeEach(List<Write> writes, List<Caller> callers) {
    try {
      readAhead(writes, callers.stream().map(Caller::userId).toList());
    } catch (RuntimeException failed) { // nothing written yet: each write alone may still succeed
      throw BatchRefused.unattributed(failed);
    }
    List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
    for (int i = 0; i < writes.size(); i++) {
      Write write = writes.get(i);
      try {
        outcomes.add(
            actors.runAs(
                callers.get(i),
                () -> {
                  WriteOutcome outcome = write(write);
                  settle(write); // as its caller: a listener that runs in the flush logs the actor
                  return outcome;
                }));
      } catch (RuntimeException refused) {
        throw new BatchRefused(i, refused);
      }
    }
    try {
      em.flush();
    } catch (RuntimeException failed) {
      throw BatchRefused.unattributed(failed);
    }
    return outcomes;
  }

  /**
   * Applies several writes in one transaction: all of them, or (when one is refused) none, and then
   * nothing is broadcast.
   */
  @Transactional
  public List<WriteOutcome> writeAll(List<Write> writes) {
    readAhead(writes, writes.stream().map(write -> actors.current()).toList());
    List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
    for (Write write : writes) {
      outcomes.add(write(write));
      settle(write);
    }
    em.flush(); // a failure is the batch's, before its commit is tried
    return outcomes;
  }

  /**
   * Before the writes of a batch, each by the actor at the same index: what they will look up (the
   * mutation ids they may retry, their records and those records' field stamps) is read for all of
   * them at once, a query per kind and entity rather than one per write, if the database
   * {@linkplain DatabaseProduct#readsAhead is one to do that for}. Invalid names are left to the
   * writes to refuse.
   */
  private void readAhead(List<Write> writes, List<String> actorIds) {
    if (writes.size() < 2 || !database.readsAhead()) {
      return;
    }
    List<MutationKey> retried = new ArrayList<>();
    Map<String, Set<String>> ids = new LinkedHashMap<>();
    for (int i = 0; i < writes.size(); i++) {
      Write write = writes.get(i);
      if (write.mutationId() != null) {
        retried.add(new MutationKey(actorIds.get(i), write.mutationId()));
      }
      if (RecordIds.valid(write.entity(), write.id())) {
        ids.computeIfAbsent(write.entity(), entity -> new LinkedHashSet<>()).add(write.id());
      }
    }
    mutations.readAhead(retried);
    ids.forEach(
        (entity, of) -> {
          stores.forEntity(entity).readAhead(entity, of);
          stamps.readAhead(entity, of);
        });
  }

  /**
   * Between the writes of one transaction, after {@code written}: what it changed goes to the
   * database (so a failure there is that write's) and leaves the persistence context. Otherwise
   * every query of the next writes would flush, and so compare, the entities of all the writes
   * before it: the cost of a batch would grow with its square. Writes to a store that {@linkplain
   * io.syncline.store.EntityStore#flushesWithBatch flushes with the batch} wait instead: one flush
   * at the end sends the rows of all of them, as a few JDBC batches rather than a statement each.
   */
  private void settle(Write written) {
    if (!stores.forEntity(written.entity()).flushesWithBatch()) {
      em.flush();
      em.clear();
    }
  }

  /**
   * Writes fields of one record, each judged on its own by {@link LastWriterWins}: the winners are
   * written as one change (creating the record if it does not exist) and stamped with their own
   * timestamps; the losers are reported and not written. A timestamp further ahead of the server's
   * clock than {@code syncline.fields.max-clock-skew-ms} refuses the whole write.
   */
  @Transactional
  public FieldOutcome writeFields(String entity, String id, List<FieldWrite> fields) {
    RecordIds.checkEntity(entity);
    RecordIds.checkId(id);
    FieldMerge.check(fields, System.currentTimeMillis(), config.maxClockSkewMs());
    Caller caller = actors.caller();
    policy.checkWrite(caller, entity, null, null);
    changeLog.lockFeed();
    Optional<StoredRecord> current = stores.forEntity(entity).find(entity, id);
    checkVisible(caller, entity, id, current); // a conflict shows the writer the stored value
    JsonObject before = current.map(StoredRecord::data).orElse(null);
    FieldMerge merge =
        FieldMerge.of(
            before, current.map(StoredRecord::updatedAt).orElse(0L), stamps.of(entity, id), fields);
    Metrics.FIELD_CONFLICTS.add(merge.lost().size());
    if (merge.written().isEmpty()) {
      return new FieldOutcome(entity, id, null, merge.applied(), merge.lost());
    }
    Change change = store(entity, id, before, merge.next(), merge.written());
    return new FieldOutcome(entity, id, change.version(), merge.applied(), merge.lost());
  }

  private WriteOutcome onStale(Write write, String entity, String id, StoredRecord current) {
    Metrics.CONFLICTS.inc(strategies.apply(entity).name().toLowerCase(java.util.Locale.ROOT));
    ConflictRules.Resolution resolution =
        ConflictRules.resolve(
            write,
            current,
            strategies.apply(entity),
            () -> queries.dataAt(entity, id, write.baseVersion()));
    if (resolution instanceof ConflictRules.Resolution.Override override) {
      return apply(override.write(), entity, id, Optional.of(current));
    }
    if (resolution instanceof ConflictRules.Resolution.Merged merged) {
      WriteOutcome.Applied applied =
          commit(write, entity, id, current.data(), merged.merge().merged());
      return new WriteOutcome.Applied(entity, applied.record(), merged.merge());
    }
    return new WriteOutcome.Conflicted(
        entity, current, ((ConflictRules.Resolution.Conflict) resolution).type());
  }

  /** Applies a write that is not stale (or overrides a newer version). */
  private WriteOutcome.Applied apply(
      Write write, String entity, String id, Optional<StoredRecord> current) {
    JsonObject before = current.map(StoredRecord::data).orElse(null);
    return switch (write.op()) {
      case CREATE, UPSERT -> commit(write, entity, id, before, object(write));
      case REPLACE ->
          commit(write, entity, id, existing(entity, id, current).data(), object(write));
      case PATCH -> {
        JsonObject data = existing(entity, id, current).data();
        yield commit(write, entity, id, data, merge(data, object(write)));
      }
      case DELETE -> commit(write, entity, id, existing(entity, id, current).data(), null);
    };
  }

  /** Checks the caller's rights and the new data, then writes it through the entity's store. */
  private WriteOutcome.Applied commit(
      Write write, String entity, String id, JsonObject before, JsonObject next) {
    JsonObject data = next == null ? null : RecordIds.checkFieldNames(withoutId(next));
    Change change = store(entity, id, before, data, null);
    if (write.mutationId() != null) {
      mutations.record(actors.current(), write.mutationId(), entity, id, change.version());
    }
    return new WriteOutcome.Applied(
        entity,
        new StoredRecord(
            id, change.version(), data, change.timestamp().toEpochMilli(), change.actor()),
        null);
  }

  /**
   * The last steps of every write: the policy on the record before and after, the checks, the store
   * (which logs the change), and the field stamps: {@code fields} as pushed, or (null) every field
   * whose value the write changes, stamped with the time the change was logged.
   */
  private Change store(
      String entity, String id, JsonObject before, JsonObject data, List<FieldWrite> fields) {
    policy.checkWrite(actors.caller(), entity, before, data);
    if (data != null) {
      checks.check(entity, id, data);
    }
    ChangeAction action =
        data == null
            ? ChangeAction.DELETE
            : before == null ? ChangeAction.CREATE : ChangeAction.UPDATE;
    Change change =
        changeLog.writingFields(
            entity,
            id,
            at -> written(before, data, fields, at),
            () -> stores.forEntity(entity).write(entity, id, action, data));
    stamps.write(
        entity,
        id,
        change.fields().list().stream()
            .map(f -> new FieldStamps.Stamp(f.name(), f.timestamp(), f.unset(), change.version()))
            .toList());
    return change;
  }

  /** The fields a write stamps: {@code fields} as pushed, or every field whose value it changes. */
  private static List<WrittenFields.Field> written(
      JsonObject before, JsonObject data, List<FieldWrite> fields, long at) {
    if (fields != null) {
      return fields.stream()
          .map(f -> new WrittenFields.Field(f.field(), f.timestamp(), f.unset()))
          .toList();
    }
    return FieldMerge.changedFields(before, data).stream()
        .map(field -> new WrittenFields.Field(field, at, data == null || !data.containsKey(field)))
        .toList();
  }

  private void checkVisible(
      Caller caller, String entity, String id, Optional<StoredRecord> current) {
    policy.checkRead(caller, entity);
    if (current.isPresent() && !policy.mayRead(caller, entity, current.get().data())) {
      throw new ProtocolException(ErrorCode.FORBIDDEN, entity + " " + id + " is not yours");
    }
  }

  private static StoredRecord existing(String entity, String id, Optional<StoredRecord> current) {
    return current.orElseThrow(
        () -> new ProtocolException(ErrorCode.NOT_FOUND, "no " + entity + " " + id));
  }

  private static JsonObject object(Write write) {
    if (!(write.data() instanceof JsonObject object)) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "field 'data' must be an object to write a record");
    }
    return object;
  }

  /** {@code patch} merged into {@code target} as a JSON merge patch (RFC 7386). */
  private static JsonObject merge(JsonObject target, JsonObject patch) {
    JsonValue merged = JsonFactory.JSON.createMergePatch(patch).apply(target);
    return merged.asJsonObject();
  }

  private static JsonObject withoutId(JsonObject data) {
    return data.containsKey("id")
        ? JsonFactory.JSON.createObjectBuilder(data).remove("id").build()
        : data;
  }
}
