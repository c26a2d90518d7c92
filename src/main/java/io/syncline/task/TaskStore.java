package io.syncline.task;

import io.syncline.change.catchup.ChangeQueries;
import io.syncline.change.log.ChangeLog;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.store.EntityStore;
import io.syncline.store.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Tasks live in their own table; the {@link io.syncline.change.log.SyncedEntityListener} logs their
 * changes, so this store only maps JSON to the entity and back. Writes reach it through the one
 * write path, which has checked them against the form {@code Task} already.
 */
@ApplicationScoped
public class TaskStore implements EntityStore {

  static final String ENTITY = "Task";

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  @Inject private ChangeLog changeLog;
  @Inject private ChangeQueries queries;

  @Override
  public boolean handles(String entity) {
    return ENTITY.equals(entity);
  }

  @Override
  public Optional<StoredRecord> find(String entity, String id) {
    return Optional.ofNullable(em.find(Task.class, id)).map(this::stored);
  }

  @Override
  public List<StoredRecord> list(String entity, int offset, int limit) {
    return em
        .createQuery("SELECT t FROM Task t ORDER BY t.id", Task.class)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(this::stored)
        .toList();
  }

  @Override
  public Change write(String entity, String id, ChangeAction action, JsonObject data) {
    switch (action) {
      case CREATE -> {
        Task task = fromJson(data);
        task.setId(id);
        em.persist(task);
      }
      case UPDATE -> existing(id).copyFrom(fromJson(data));
      case DELETE -> em.remove(existing(id));
    }
    em.flush(); // runs the listener now, inside the transaction
    return changeLog
        .changeInThisTransaction(ENTITY, id)
        .or(() -> queries.latest(ENTITY, id)) // an update that changed nothing
        .orElseThrow();
  }

  private Task existing(String id) {
    Task task = em.find(Task.class, id);
    if (task == null) {
      throw new ProtocolException(ErrorCode.NOT_FOUND, "no Task " + id);
    }
    return task;
  }

  /** The task a record's JSON describes; {@code bad_message} if it does not bind. */
  static Task fromJson(JsonObject data) {
    try {
      return JsonFactory.jsonb().fromJson(data.toString(), Task.class);
    } catch (JsonbException e) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "not a Task: " + e.getMessage());
    }
  }

  private StoredRecord stored(Task task) {
    JsonObject json = JsonFactory.toJsonValue(task).asJsonObject();
    JsonObject data = JsonFactory.JSON.createObjectBuilder(json).remove("id").build();
    return queries
        .latest(ENTITY, task.getId())
        .map(
            change ->
                new StoredRecord(
                    task.getId(),
                    change.version(),
                    data,
                    change.timestamp().toEpochMilli(),
                    change.actor()))
        .orElseGet(() -> new StoredRecord(task.getId(), 0, data, 0, null));
  }
}
