package io.syncline.store;

import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import jakarta.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where the records of some entity types live. The generic JSON store takes every entity no other
 * store claims; an application entity (such as {@code Task}) has a store of its own. Writes run in
 * the caller's transaction and must go through the change log.
 */
public interface EntityStore {

  /** Whether this store keeps records of {@code entity}. */
  boolean handles(String entity);

  Optional<StoredRecord> find(String entity, String id);

  /**
   * A hint before a batch of writes: the records of these ids will be looked up in this
   * transaction, so a store may read them with one query now and answer those look-ups without one
   * each. By default it does nothing.
   */
  default void readAhead(String entity, Collection<String> ids) {}

  /** A page of live records, in id order. */
  List<StoredRecord> list(String entity, int offset, int limit);

  /** Writes the record's full new data (null for a delete) and returns the logged change. */
  Change write(String entity, String id, ChangeAction action, JsonObject data);

  /**
   * Whether this store's writes may wait in the persistence context until the end of a batch of
   * writes, to reach the database with the others' as JDBC batches. Only a store whose writes run
   * no entity listener and cannot be refused by the database once it accepted them says yes; by
   * default a write is flushed (and the context cleared) before the next write of its batch.
   */
  default boolean flushesWithBatch() {
    return false;
  }
}
