package io.syncline.records;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;

/** A write based on a version that is no longer the record's; nothing was written. */
public class StaleVersionException extends ProtocolException {

  private final long currentVersion;

  public StaleVersionException(long expected, long currentVersion) {
    super(
        ErrorCode.CONFLICT,
        "the record is at version " + currentVersion + ", not " + expected,
        JsonFactory.JSON
            .createObjectBuilder()
            .add("expected", expected)
            .add("current", currentVersion)
            .build());
    this.currentVersion = currentVersion;
  }

  public long currentVersion() {
    return currentVersion;
  }
}
