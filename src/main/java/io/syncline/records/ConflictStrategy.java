package io.syncline.records;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

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
    Config config = ConfigProvider.getConfig();
    String name =
        config
            .getOptionalValue("syncline.conflicts." + entity, String.class)
            .or(() -> config.getOptionalValue("syncline.conflicts.default", String.class))
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
