package io.syncline.store;

import io.syncline.change.ChangeLog;
import io.syncline.change.ChangeQueries;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ChangeData;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.schema.registry.SchemaChecks;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import io.syncline.security.ChannelPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads and writes synced records of any entity, checking the version a write is based on. Each
 * write holds the feed lock from its start, so the check and the write see the same record.
 */
@ApplicationScoped
public class RecordService {

  private static final Pattern ENTITY = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,150}");

  @Inject private EntityStores stores;
  @Inject private ChangeLog changeLog;
  @Inject private ChangeQueries queries;
  @Inject private ChannelPolicy policy;
  @Inject private ActorContext actors;
  @Inject private SchemaChecks schemaChecks;

  /** A page of records and the feed version they are at least as new as. */
  public record Snapshot(List<StoredRecord> items, long version) {}

  /** A record the caller may read; {@code forbidden} if it is someone else's. */
  public Optional<StoredRecord> find(String entity, String id) {
    Caller caller = actors.caller();
    policy.checkRead(caller, checkEntity(entity));
    Optional<StoredRecord> record = load(entity, id);
    if (record.isPresent() && !policy.mayRead(caller, entity, record.get().data())) {
      throw new ProtocolException(ErrorCode.FORBIDDEN, entity + " " + id + " is not yours");
    }
    return record;
  }

  private Optional<StoredRecord> load(String entity, String id) {
    return stores.forEntity(checkEntity(entity)).find(entity, checkId(id));
  }

  /** Reads the version first: every change up to it is in the page, later ones may be too. */
  public Snapshot list(String entity, int offset, int limit) {
    Caller caller = actors.caller();
    policy.checkRead(caller, checkEntity(entity));
    long version = queries.lastVersion();
    return new Snapshot(
        stores.forEntity(entity).list(entity, offset, limit).stream()
            .filter(record -> policy.mayRead(caller, entity, record.data()))
            .toList(),
        version);
  }

  @Transactional
  public StoredRecord create(String entity, String id, JsonObject data) {
    String recordId = id == null ? UUID.randomUUID().toString() : checkId(id);
    policy.checkWrite(actors.caller(), checkEntity(entity), null, data);
    changeLog.lockFeed();
    if (load(entity, recordId).isPresent()) {
      throw new ProtocolException(ErrorCode.CONFLICT, entity + " " + recordId + " already exists");
    }
    return write(entity, recordId, ChangeAction.CREATE, data);
  }

  /** Replaces the record's data; {@code ifMatch} (may be null) is the version it is based on. */
  @Transactional
  public StoredRecord replace(String entity, String id, JsonObject data, Long ifMatch) {
    StoredRecord current = current(entity, id, ifMatch);
    policy.checkWrite(actors.caller(), entity, current.data(), data);
    return write(entity, id, ChangeAction.UPDATE, data);
  }

  /** Merges {@code patch} into the record (RFC 7386). */
  @Transactional
  public StoredRecord patch(String entity, String id, JsonObject patch, Long ifMatch) {
    StoredRecord current = current(entity, id, ifMatch);
    JsonObject next = merge(current.data(), patch);
    policy.checkWrite(actors.caller(), entity, current.data(), next);
    return write(entity, id, ChangeAction.UPDATE, next);
  }

  @Transactional
  public long delete(String entity, String id, Long ifMatch) {
    StoredRecord current = current(entity, id, ifMatch);
    policy.checkWrite(actors.caller(), entity, current.data(), null);
    return write(entity, id, ChangeAction.DELETE, null).version();
  }

  /**
   * Applies several writes to one entity type in one transaction: all of them, or (when one is
   * refused) none, and then nothing is broadcast.
   */
  @Transactional
  public List<StoredRecord> batch(String entity, List<BatchOperation> operations) {
    return operations.stream().map(operation -> apply(entity, operation)).toList();
  }

  private StoredRecord apply(String entity, BatchOperation operation) {
    return switch (operation.action()) {
      case "create" -> create(entity, operation.id(), operation.data());
      case "replace" -> replace(entity, operation.id(), operation.data(), operation.ifMatch());
      case "patch" -> patch(entity, operation.id(), operation.data(), operation.ifMatch());
      case "delete" -> {
        long version = delete(entity, operation.id(), operation.ifMatch());
        yield new StoredRecord(operation.id(), version, null, 0, null);
      }
      default ->
          throw new ProtocolException(
              ErrorCode.BAD_MESSAGE,
              "action must be create, replace, patch or delete, not '" + operation.action() + "'");
    };
  }

  /** {@code patch} merged into {@code target} as a JSON merge patch. */
  public static JsonObject merge(JsonObject target, JsonObject patch) {
    JsonValue merged = JsonFactory.JSON.createMergePatch(patch).apply(target);
    return merged.asJsonObject();
  }

  /** Locks the feed and returns the record, which must exist and be at {@code ifMatch}. */
  private StoredRecord current(String entity, String id, Long ifMatch) {
    changeLog.lockFeed();
    StoredRecord current =
        load(entity, id)
            .orElseThrow(
                () -> new ProtocolException(ErrorCode.NOT_FOUND, "no " + entity + " " + id));
    if (ifMatch != null && ifMatch != current.version()) {
      throw new StaleVersionException(ifMatch, current.version());
    }
    return current;
  }

  private StoredRecord write(String entity, String id, ChangeAction action, JsonObject data) {
    JsonObject stored = data == null ? null : withoutId(data);
    if (stored != null) {
      schemaChecks.check(entity, stored);
    }
    ChangeData change = stores.forEntity(entity).write(entity, id, action, stored);
    return new StoredRecord(
        id, change.version(), stored, change.timestamp().toEpochMilli(), change.actor());
  }

  private static JsonObject withoutId(JsonObject data) {
    return data.containsKey("id")
        ? JsonFactory.JSON.createObjectBuilder(data).remove("id").build()
        : data;
  }

  /** The entity name, if valid. */
  public static String checkEntity(String entity) {
    if (entity == null || !ENTITY.matcher(entity).matches()) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "entity names are 1-100 of A-Z a-z 0-9 _ . -");
    }
    return entity;
  }

  /** The record id, if valid. */
  public static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "ids are 1-150 of A-Z a-z 0-9 _ . : -");
    }
    return id;
  }
}
