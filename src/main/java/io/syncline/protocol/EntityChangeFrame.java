package io.syncline.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The live frame made from a {@link Change} for envelope subscribers of {@code entity:} channels:
 * type {@code entity:created|updated|deleted}, the record as payload ({@code {id}} for a delete).
 * Flat subscribers see it as a {@link ChangeFrame}. Its type comes from the change's action, so it
 * carries no {@link MessageType}.
 */
public record EntityChangeFrame(Change change) implements ServerMessage, RawPayload {

  @Override
  public String type() {
    return "entity:" + change.action().pastTense();
  }

  @Override
  public JsonValue payload() {
    JsonObject id = JsonFactory.JSON.createObjectBuilder().add("id", change.entityId()).build();
    if (change.action() == ChangeAction.DELETE || !(change.data() instanceof JsonObject data)) {
      return id;
    }
    return JsonFactory.JSON.createObjectBuilder(data).add("id", change.entityId()).build();
  }

  @Override
  public ServerMessage inFlatDialect() {
    return new ChangeFrame(change);
  }
}
