package io.syncline.records.rest;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.records.Write;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** One write of a batch: {@code {action: create|replace|patch|delete, id?, data?, ifMatch?}}. */
public record BatchOperation(String action, String id, JsonObject data, Long ifMatch) {

  static BatchOperation of(JsonValue value) {
    if (!(value instanceof JsonObject operation)) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "each operation must be an object");
    }
    String action = operation.getString("action", null);
    if (action == null) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "field 'action' is required");
    }
    JsonValue data = operation.get("data");
    if (!action.equals("delete") && !(data instanceof JsonObject)) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "field 'data' must be an object for " + action);
    }
    JsonValue ifMatch = operation.get("ifMatch");
    return new BatchOperation(
        action,
        operation.getString("id", null),
        data instanceof JsonObject object ? object : null,
        ifMatch instanceof JsonNumber number ? number.longValue() : null);
  }

  /** The write this operation asks for on {@code entity}. */
  Write write(String entity) {
    Write.Op op =
        switch (action) {
          case "create" -> Write.Op.CREATE;
          case "replace" -> Write.Op.REPLACE;
          case "patch" -> Write.Op.PATCH;
          case "delete" -> Write.Op.DELETE;
          default ->
              throw new ProtocolException(
                  ErrorCode.BAD_MESSAGE,
                  "action must be create, replace, patch or delete, not '" + action + "'");
        };
    return new Write(entity, id, op, data, ifMatch, Write.OnStale.REFUSE, null);
  }
}
