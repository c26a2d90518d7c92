package io.syncline.records;

import io.syncline.config.SynclineConfig;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;

/**
 * What happens when a push is based on an older version than the record's, per entity: {@code
 * syncline.conflicts.{Entity}}, else {@code syncline.conflicts.default}, else {@code manual}.
 */
public enum ConflictStrategy {
  /** Nothing is written; the client gets {@code conflict:detect} and settles it. */
  MANUAL("manual"),
  /** The push is applied over the newer version. */
  LAST_WRITE_WINS("last-write-wins"),
  /** Applied when the client's and the newer change touch different fields; else manual. */
  MERGE("merge");

  private final String wireName;

  ConflictStrategy(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The strategy configured for {@code entity}. */
  public static ConflictStrategy forEntity(String entity) {
    String name =
        SynclineConfig.setting("syncline.conflicts." + entity)
            .or(() -> SynclineConfig.setting("syncline.conflicts.default"))
            .orElse(MANUAL.wireName);
    for (ConflictStrategy strategy : values()) {
      if (strategy.wireName.equals(name)) {
        return strategy;
      }
    }
    throw new ProtocolException(
        ErrorCode.INTERNAL, "unknown conflict strategy '" + name + "' for " + entity);
  }
}
