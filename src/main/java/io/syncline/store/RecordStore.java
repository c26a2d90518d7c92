package io.syncline.store;

import io.syncline.change.log.ChangeLog;
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
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    SyncRecord record = em.find(SyncRecord.class, key);
    if (record == null) {
      Set<RecordKey> absent = absentInTransaction();
      if (absent != null) {
        absent.add(key);
      }
    }
    return record == null || record.deleted() ? Optional.empty() : Optional.of(stored(record));
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
    Change change = changeLog.append(entity, id, action, data, actor);
    RecordKey key = new RecordKey(entity, id);
    Set<RecordKey> absent = absentInTransaction();
    SyncRecord record =
        absent != null && absent.remove(key) ? null : em.find(SyncRecord.class, key);
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
   * The records this transaction looked for and found no row of, until it writes them (null outside
   * a transaction). A write looks its record up before it writes it (to judge staleness), so a
   * create would otherwise ask the database twice for a row that is not there. Synced writes hold
   * the feed lock from before that look-up, so no other writer adds the row in between.
   */
  @SuppressWarnings("unchecked")
  private Set<RecordKey> absentInTransaction() {
    if (transactions == null || transactions.getTransactionKey() == null) {
      return null;
    }
    Object absent = transactions.getResource(ABSENT);
    if (absent == null) {
      absent = new HashSet<RecordKey>();
      transactions.putResource(ABSENT, absent);
    }
    return (Set<RecordKey>) absent;
  }

  private static StoredRecord stored(SyncRecord record) {
    JsonObject data =
        record.data() == null
            ? JsonObject.EMPTY_JSON_OBJECT
            : JsonFactory.JSON.createReader(new StringReader(record.data())).readObject();
    return new StoredRecord(
        record.id(), record.version(), data, record.updatedAt(), record.updatedBy());
  }
}
