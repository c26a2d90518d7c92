package io.syncline.protocol;

import jakarta.json.bind.JsonbException;
import jakarta.json.bind.adapter.JsonbAdapter;

/** Writes and reads {@link ChangeAction} by its wire name. */
public class ChangeActionAdapter implements JsonbAdapter<ChangeAction, String> {

  @Override
  public String adaptToJson(ChangeAction action) {
    return action.wireName();
  }

  @Override
  public ChangeAction adaptFromJson(String name) {
    ChangeAction action = ChangeAction.fromWire(name);
    if (action == null) {
      throw new JsonbException("action must be create, update or delete, not '" + name + "'");
    }
    return action;
  }
}
