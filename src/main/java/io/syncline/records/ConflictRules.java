package io.syncline.records;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.records.Write.OnStale;
import io.syncline.records.Write.Op;
import io.syncline.store.StoredRecord;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When a whole-record write is stale, and what it then comes to: refused (HTTP {@code If-Match}
 * semantics), or settled by the entity's {@link ConflictStrategy}.
 */
final class ConflictRules {

  /** What a stale write comes to when it is not refused. */
  sealed interface Resolution {
    /** Applied over the newer version, as this write. */
    record Override(Write write) implements Resolution {}

    /** Combined with the newer version by the merge strategy. */
    record Merged(ThreeWayMerge merge) implements Resolution {}

    /** Left to the writer: {@code version}, or {@code data} when the same fields changed. */
    record Conflict(String type) implements Resolution {}
  }

  private ConflictRules() {}

  /**
   * Whether the write is based on something older than the record as it is: a create of a record
   * that exists, or a base version that is not the record's ({@code REFUSE}) or older than it.
   */
  static boolean isStale(Write write, Optional<StoredRecord> current) {
    if (current.isEmpty()) {
      return false;
    }
    if (write.op() == Op.CREATE) {
      return true;
    }
    Long base = write.baseVersion();
    if (base == null) {
      return false;
    }
    return write.onStale() == OnStale.REFUSE
        ? base != current.get().version()
        : base < current.get().version();
  }

  /**
   * Settles a stale write.
   *
   * @param baseData the record's data at the write's base version, if the log has it
   * @throws ProtocolException {@code conflict} (an existing id) or {@link StaleVersionException}
   *     when the write refuses staleness
   */
  static Resolution resolve(
      Write write, StoredRecord current, ConflictStrategy strategy, Supplier<JsonValue> baseData) {
    if (write.onStale() == OnStale.REFUSE) {
      if (write.op() == Op.CREATE) {
        throw new ProtocolException(
            ErrorCode.CONFLICT, write.entity() + " " + current.id() + " already exists");
      }
      throw new StaleVersionException(write.baseVersion(), current.version());
    }
    if (strategy == ConflictStrategy.LAST_WRITE_WINS) {
      return new Resolution.Override(write.op() == Op.CREATE ? write.as(Op.UPSERT) : write);
    }
    if (strategy == ConflictStrategy.MERGE
        && write.op() == Op.PATCH
        && write.data() instanceof JsonObject patch
        && baseData.get() instanceof JsonObject base) {
      return new Resolution.Merged(ThreeWayMerge.of(base, current.data(), patch));
    }
    return new Resolution.Conflict("version");
  }
}
