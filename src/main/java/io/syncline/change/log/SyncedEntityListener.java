package io.syncline.change.log;

import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.JsonFactory;
import io.syncline.security.ActorContext;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.Id;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import java.lang.reflect.Field;

/**
 * Puts every insert, update and delete of a {@link Synced} entity into the change log, in the same
 * transaction. The entity's JSON-B form is the change's data.
 */
public class SyncedEntityListener {

  @Inject private ChangeLog changeLog;
  @Inject private ActorContext actors;

  @PostPersist
  void created(Object entity) {
    record(entity, ChangeAction.CREATE);
  }

  @PostUpdate
  void updated(Object entity) {
    record(entity, ChangeAction.UPDATE);
  }

  @PostRemove
  void deleted(Object entity) {
    record(entity, ChangeAction.DELETE);
  }

  private void record(Object entity, ChangeAction action) {
    JsonValue record = JsonFactory.toJsonValue(entity);
    boolean delete = action == ChangeAction.DELETE;
    changeLog.append(
        name(entity.getClass()),
        id(entity),
        action,
        delete ? null : record,
        delete ? record : null,
        actors.current());
  }

  /** The feed's name for an entity class. */
  public static String name(Class<?> type) {
    Synced synced = type.getAnnotation(Synced.class);
    if (synced == null) {
      throw new IllegalStateException(type + " uses SyncedEntityListener without @Synced");
    }
    return synced.value().isEmpty() ? type.getSimpleName() : synced.value();
  }

  private static String id(Object entity) {
    for (Class<?> type = entity.getClass(); type != null; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.isAnnotationPresent(Id.class)) {
          try {
            field.setAccessible(true);
            return String.valueOf(field.get(entity));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    throw new IllegalStateException(entity.getClass() + " has no @Id field");
  }
}
