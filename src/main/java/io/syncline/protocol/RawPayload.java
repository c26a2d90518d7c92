package io.syncline.protocol;

import jakarta.json.JsonValue;

/** A server message whose payload is a JSON value written as it is, not a record's fields. */
public interface RawPayload {

  /** The payload, or null for none. */
  JsonValue payload();
}
