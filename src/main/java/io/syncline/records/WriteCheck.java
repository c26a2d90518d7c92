package io.syncline.records;

import jakarta.json.JsonObject;

/**
 * A check every created or changed record passes before it is written, whichever edge it came from:
 * forms (Bean Validation) are one, a record schema another. Implement it as a CDI bean and the
 * {@link WriteService} runs it; refuse with a {@link io.syncline.protocol.ProtocolException}
 * ({@code validation_failed}, or {@code bad_message} for a value of the wrong type), which rolls
 * the whole write back.
 */
public interface WriteCheck {

  /** Checks the record's full new data; deletes are not checked. */
  void check(String entity, String id, JsonObject next);
}
