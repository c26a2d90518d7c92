package io.syncline.store;

import io.syncline.change.log.ChangeLog;
import io.syncline.data.TransactionResources;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.JsonFactory;
import io.syncline.security.ActorContext;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The generic store: any entity type as JSON documents in one table. */
@ApplicationScoped
public class RecordStore implements EntityStore {

  private static final Object ABSENT = RecordStore.class.getName() + ".absent";

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  @Inject private ChangeLog changeLog;
  @Inject private ActorContext actors;
  @Resource private TransactionSynchronizationRegistry transactions;

  @Override
  public boolean handles(String entity) {
    return true;
  }

  @Override
  public Optional<StoredRecord> find(String entity, String id) {
    RecordKey key = new RecordKey(entity, id);
    Set<RecordKey> absent = absentInTransaction();
    if (absent != null && absent.contains(key)) {
      return Optional.empty();
    }
    SyncRecord record = em.find(SyncRecord.class, key);
    if (record == null && absent != null) {
      absent.add(key);
    }
    return record == null || record.deleted() ? Optional.empty() : Optional.of(stored(record));
  }

  /**
   * Reads the rows of these ids with one query: those found stay in the persistence context, where
   * the finds that follow take them from, and those not found are known to be absent.
   */
  @Override
  public void readAhead(String entity, Collection<String> ids) {
    Set<RecordKey> absent = absentInTransaction();
    if (absent == null || ids.isEmpty()) {
      return;
    }
    Set<String> found =
        em
            .createNamedQuery(SyncRecord.WITH_IDS, SyncRecord.class)
            .setParameter("entity", entity)
            .setParameter("ids", List.copyOf(ids))
            .getResultList()
            .stream()
            .map(SyncRecord::id)
            .collect(Collectors.toSet());
    for (String id : ids) {
      if (!found.contains(id)) {
        absent.add(new RecordKey(entity, id));
      }
    }
  }

  @Override
  public List<StoredRecord> list(String entity, int offset, int limit) {
    return em
        .createQuery(
            "SELECT r FROM SyncRecord r WHERE r.entity = :entity AND r.deleted = false"
                + " ORDER BY r.id",
            SyncRecord.class)
        .setParameter("entity", entity)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(RecordStore::stored)
        .toList();
  }

  @Override
  public Change write(String entity, String id, ChangeAction action, JsonObject data) {
    String actor = actors.current();
    RecordKey key = new RecordKey(entity, id);
    Set<RecordKey> absent = absentInTransaction();
    SyncRecord record =
        absent != null && absent.remove(key) ? null : em.find(SyncRecord.class, key);
    JsonObject removed =
        action == ChangeAction.DELETE && record != null && !record.deleted()
            ? stored(record).data()
            : null;
    Change change = changeLog.append(entity, id, action, data, removed, actor);
    if (record == null) {
      record = new SyncRecord(entity, id);
      em.persist(record);
    }
    record.write(
        data == null ? null : data.toString(),
        change.version(),
        action == ChangeAction.DELETE,
        change.timestamp().toEpochMilli(),
        actor);
    return change;
  }

  /**
   * Yes: its rows have no listener, and their keys and lengths were checked before they were
   * written.
   */
  @Override
  public boolean flushesWithBatch() {
    return true;
  }

  /**
   * The records this transaction looked for (or read ahead) and found no row of, until it writes
   * them (null outside a transaction). A write looks its record up before it writes it (to judge
   * staleness), so a create would otherwise ask the database twice for a row that is not there.
   * Synced writes hold the feed lock from before that look-up, so no other writer adds the row in
   * between.
   */
  private Set<RecordKey> absentInTransaction() {
    return TransactionResources.of(transactions, ABSENT, HashSet::new);
  }

  private static StoredRecord stored(SyncRecord record) {
    JsonObject data =
        record.data() == null
            ? JsonObject.EMPTY_JSON_OBJECT
            : JsonFactory.readObject(record.data());
    return new StoredRecord(
        record.id(), record.version(), data, record.updatedAt(), record.updatedBy());
  }
}
