package io.syncline.records;

import io.syncline.store.StoredRecord;

/** What a whole-record write led to; edges translate it into their replies. */
public sealed interface WriteOutcome {

  /**
   * Written: the record as stored now ({@code data} null after a delete). {@code merge} is set when
   * the merge strategy combined the write with a newer version.
   */
  record Applied(String entity, StoredRecord record, ThreeWayMerge merge) implements WriteOutcome {}

  /** The write's mutation id was applied before, at {@code version}; nothing was written now. */
  record Replayed(String entity, String id, long version) implements WriteOutcome {}

  /**
   * Not written: the write was stale and the entity's strategy leaves it to the writer. {@code
   * conflictType} is {@code version}, or {@code data} when the two sides changed the same fields.
   */
  record Conflicted(String entity, StoredRecord current, String conflictType)
      implements WriteOutcome {}
}
