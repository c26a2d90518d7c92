package io.syncline.store;

import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import jakarta.json.JsonObject;
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

  /** A page of live records, in id order. */
  List<StoredRecord> list(String entity, int offset, int limit);

  /** Writes the record's full new data (null for a delete) and returns the logged change. */
  Change write(String entity, String id, ChangeAction action, JsonObject data);
}
