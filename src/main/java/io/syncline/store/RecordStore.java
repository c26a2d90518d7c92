package io.syncline.store;

import io.syncline.change.log.ChangeLog;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.JsonFactory;
import io.syncline.security.ActorContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/** The generic store: any entity type as JSON documents in one table. */
@ApplicationScoped
public class RecordStore implements EntityStore {

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  @Inject private ChangeLog changeLog;
  @Inject private ActorContext actors;

  @Override
  public boolean handles(String entity) {
    return true;
  }

  @Override
  public Optional<StoredRecord> find(String entity, String id) {
    SyncRecord record = em.find(SyncRecord.class, new RecordKey(entity, id));
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
    SyncRecord record = em.find(SyncRecord.class, new RecordKey(entity, id));
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

  private static StoredRecord stored(SyncRecord record) {
    JsonObject data =
        record.data() == null
            ? JsonObject.EMPTY_JSON_OBJECT
            : JsonFactory.JSON.createReader(new StringReader(record.data())).readObject();
    return new StoredRecord(
        record.id(), record.version(), data, record.updatedAt(), record.updatedBy());
  }
}
