package io.syncline.records;

import io.syncline.change.ChangeLog;
import io.syncline.change.ChangeQueries;
import io.syncline.config.SynclineConfig;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ChangeData;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
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
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
  private Function<String, ConflictStrategy> strategies = ConflictStrategy::forEntity;

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
      SynclineConfig config) {
    this.stores = stores;
    this.changeLog = changeLog;
    this.queries = queries;
    this.policy = policy;
    this.actors = actors;
    this.mutations = mutations;
    this.checks = checks;
    this.stamps = stamps;
    this.config = config;
  }

  /** The same service with another source of conflict strategies, for tests. */
  WriteService withStrategies(Function<String, ConflictStrategy> strategies) {
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
    if (isStale(write, current)) {
      return onStale(write, entity, id, current.orElseThrow());
    }
    return apply(write, entity, id, current);
  }

  /**
   * Applies several writes in one transaction: all of them, or (when one is refused) none, and then
   * nothing is broadcast.
   */
  @Transactional
  public List<WriteOutcome> writeAll(List<Write> writes) {
    return writes.stream().map(this::write).toList();
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
    checkFields(fields);
    Caller caller = actors.caller();
    policy.checkWrite(caller, entity, null, null);
    changeLog.lockFeed();
    Optional<StoredRecord> current = stores.forEntity(entity).find(entity, id);
    checkVisible(caller, entity, id, current); // a conflict shows the writer the stored value
    JsonObject before = current.map(StoredRecord::data).orElse(null);
    Map<String, FieldStamps.Stamp> stored = stamps.of(entity, id);
    JsonObjectBuilder next =
        before == null
            ? JsonFactory.JSON.createObjectBuilder()
            : JsonFactory.JSON.createObjectBuilder(before);
    List<FieldWrite> applied = new ArrayList<>();
    List<FieldWrite> written = new ArrayList<>();
    List<FieldOutcome.Lost> lost = new ArrayList<>();
    for (FieldWrite field : fields) {
      JsonValue value = before == null ? null : before.get(field.field());
      FieldStamps.Stamp stamp = stored.get(field.field());
      // a field no write path stamped (written directly through JPA) dates from the record's change
      long storedAt =
          stamp != null ? stamp.timestamp() : value != null ? current.get().updatedAt() : 0;
      switch (LastWriterWins.judge(field, value, storedAt)) {
        case WINS -> {
          applied.add(field);
          written.add(field);
          if (field.unset()) {
            next.remove(field.field());
          } else {
            next.add(field.field(), field.value());
          }
        }
        case SAME -> applied.add(field);
        case LOSES -> lost.add(new FieldOutcome.Lost(field, value, storedAt));
      }
    }
    if (written.isEmpty()) {
      return new FieldOutcome(entity, id, null, applied, lost);
    }
    ChangeData change = store(entity, id, before, next.build(), written);
    return new FieldOutcome(entity, id, change.version(), applied, lost);
  }

  /** Each field named once, not the id, and set to a value; no timestamp from the future. */
  private void checkFields(List<FieldWrite> fields) {
    long latest = System.currentTimeMillis() + config.maxClockSkewMs();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      FieldWrite field = fields.get(i);
      String at = "field 'fields[" + i + "].";
      if (field.field().length() > 200) {
        throw badField(at + "field' is at most 200 characters");
      }
      if (field.field().equals("id")) {
        throw badField(at + "field' may not be 'id': entityId names the record");
      }
      if (!seen.add(field.field())) {
        throw badField(at + "field' names '" + field.field() + "' a second time");
      }
      if (!field.unset() && (field.value() == null || field.value() == JsonValue.NULL)) {
        throw badField(at + "value' is required when action is set (unset removes a field)");
      }
      if (field.timestamp() > latest) {
        throw badField(
            at
                + "timestamp' is "
                + (field.timestamp() - latest + config.maxClockSkewMs())
                + " ms ahead of the server's clock; at most "
                + config.maxClockSkewMs()
                + " ms are allowed");
      }
    }
  }

  private static ProtocolException badField(String message) {
    return new ProtocolException(ErrorCode.BAD_MESSAGE, message);
  }

  /** Whether the write is based on something older than the record as it is. */
  private static boolean isStale(Write write, Optional<StoredRecord> current) {
    if (current.isEmpty()) {
      return false;
    }
    if (write.op() == Op.CREATE) {
      return true;
    }
    Long base = write.baseVersion();
    if (base == null) {
      return false;
    }
    return write.onStale() == OnStale.REFUSE
        ? base != current.get().version()
        : base < current.get().version();
  }

  private WriteOutcome onStale(Write write, String entity, String id, StoredRecord current) {
    if (write.onStale() == OnStale.REFUSE) {
      if (write.op() == Op.CREATE) {
        throw new ProtocolException(ErrorCode.CONFLICT, entity + " " + id + " already exists");
      }
      throw new StaleVersionException(write.baseVersion(), current.version());
    }
    ConflictStrategy strategy = strategies.apply(entity);
    if (strategy == ConflictStrategy.LAST_WRITE_WINS) {
      Write over = write.op() == Op.CREATE ? as(write, Op.UPSERT) : write;
      return apply(over, entity, id, Optional.of(current));
    }
    if (strategy == ConflictStrategy.MERGE
        && write.op() == Op.PATCH
        && write.data() instanceof JsonObject patch
        && queries.dataAt(entity, id, write.baseVersion()) instanceof JsonObject base) {
      ThreeWayMerge merge = ThreeWayMerge.of(base, current.data(), patch);
      if (!merge.clean()) {
        return new WriteOutcome.Conflicted(entity, current, "data");
      }
      WriteOutcome.Applied applied = commit(write, entity, id, current.data(), merge.merged());
      return new WriteOutcome.Applied(entity, applied.record(), merge);
    }
    return new WriteOutcome.Conflicted(entity, current, "version");
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
    JsonObject data = next == null ? null : withoutId(next);
    ChangeData change = store(entity, id, before, data, null);
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
   * whose value the write changes, stamped with the change's commit time.
   */
  private ChangeData store(
      String entity, String id, JsonObject before, JsonObject data, List<FieldWrite> fields) {
    policy.checkWrite(actors.caller(), entity, before, data);
    if (data != null) {
      checks.check(entity, id, data);
    }
    ChangeAction action =
        data == null
            ? ChangeAction.DELETE
            : before == null ? ChangeAction.CREATE : ChangeAction.UPDATE;
    ChangeData change = stores.forEntity(entity).write(entity, id, action, data);
    long version = change.version();
    List<FieldStamps.Stamp> written = new ArrayList<>();
    if (fields != null) {
      fields.forEach(
          f -> written.add(new FieldStamps.Stamp(f.field(), f.timestamp(), f.unset(), version)));
    } else {
      long at = change.timestamp().toEpochMilli();
      changedFields(before, data)
          .forEach(
              field ->
                  written.add(
                      new FieldStamps.Stamp(
                          field, at, data == null || !data.containsKey(field), version)));
    }
    stamps.write(entity, id, version, written);
    return change;
  }

  /** The top-level fields whose value differs between two versions of a record (null: none). */
  static Set<String> changedFields(JsonObject before, JsonObject after) {
    Set<String> fields = new TreeSet<>();
    Set<String> all = new HashSet<>();
    if (before != null) {
      all.addAll(before.keySet());
    }
    if (after != null) {
      all.addAll(after.keySet());
    }
    for (String field : all) {
      JsonValue was = before == null ? null : before.get(field);
      JsonValue now = after == null ? null : after.get(field);
      if (was == null ? now != null : !was.equals(now)) {
        fields.add(field);
      }
    }
    fields.remove("id");
    return fields;
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

  private static Write as(Write write, Op op) {
    return new Write(
        write.entity(),
        write.id(),
        op,
        write.data(),
        write.baseVersion(),
        write.onStale(),
        write.mutationId());
  }

  /** {@code patch} merged into {@code target} as a JSON merge patch (RFC 7386). */
  public static JsonObject merge(JsonObject target, JsonObject patch) {
    JsonValue merged = JsonFactory.JSON.createMergePatch(patch).apply(target);
    return merged.asJsonObject();
  }

  private static JsonObject withoutId(JsonObject data) {
    return data.containsKey("id")
        ? JsonFactory.JSON.createObjectBuilder(data).remove("id").build()
        : data;
  }
}
