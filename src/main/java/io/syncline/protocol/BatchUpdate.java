package io.syncline.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Frames delivered together: a throttled subscription's coalesced frames, in version order. {@code
 * payload} is {@code {batchId, updates:[frames]}}, each frame in the subscriber's dialect.
 */
@MessageType("batch:update")
public record BatchUpdate(JsonObject batch) implements ServerMessage, RawPayload {

  @Override
  public JsonValue payload() {
    return batch;
  }

  /** The flat dialect names its fields in snake_case: {@code batch_id}. */
  @Override
  public ServerMessage inFlatDialect() {
    if (!batch.containsKey("batchId")) {
      return this;
    }
    return new BatchUpdate(
        JsonFactory.JSON
            .createObjectBuilder()
            .add("batch_id", batch.get("batchId"))
            .add("updates", batch.get("updates"))
            .build());
  }
}
