package io.syncline.records;

import jakarta.json.JsonValue;

/**
 * One whole-record write, as an edge (REST, a socket push, a settled conflict) asks the {@link
 * WriteService} for it. {@code id} may be null only for a {@link Op#CREATE}, which then gets a new
 * one; {@code data} is checked to be an object where the operation needs one; {@code baseVersion}
 * is the version the writer last saw (null: none); {@code mutationId} (may be null) makes a retry
 * safe.
 */
public record Write(
    String entity,
    String id,
    Op op,
    JsonValue data,
    Long baseVersion,
    OnStale onStale,
    String mutationId) {

  /** The same write, doing {@code op} instead. */
  public Write as(Op op) {
    return new Write(entity, id, op, data, baseVersion, onStale, mutationId);
  }

  /** What the write does to the record. */
  public enum Op {
    /** A new record. An existing one makes the write stale: its writer's base is "nothing". */
    CREATE,
    /** The record's whole data, created if it does not exist. */
    UPSERT,
    /** The record's whole data; the record must exist. */
    REPLACE,
    /** Merged into the record as a JSON merge patch; the record must exist. */
    PATCH,
    /** Removes the record, which must exist. */
    DELETE
  }

  /** What happens to a write based on an older version than the record's. */
  public enum OnStale {
    /** It is refused, as an HTTP {@code If-Match} that does not match: nothing is written. */
    REFUSE,
    /** The entity's {@link ConflictStrategy} settles it; the writer may be shown the record. */
    STRATEGY
  }
}
