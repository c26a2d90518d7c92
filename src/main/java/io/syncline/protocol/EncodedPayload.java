package io.syncline.protocol;

import java.util.Set;

/**
 * A server message whose payload is JSON text already written (a JSON object), copied into the
 * frame as it is: the frames a {@link BatchUpdate} carries are not parsed to be written again.
 */
public interface EncodedPayload {

  /** The payload, a JSON object's text. */
  String payloadJson();

  /** The names of the payload object's fields. */
  Set<String> payloadFields();

  /**
   * The payload in the flat dialect (snake_case field names); the same as {@link #payloadJson()}
   * unless a field name has a capital letter.
   */
  default String flatPayloadJson() {
    return payloadJson();
  }

  /** The names of the payload object's fields in the flat dialect. */
  default Set<String> flatPayloadFields() {
    return payloadFields();
  }
}
