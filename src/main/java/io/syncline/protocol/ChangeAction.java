package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.util.Locale;

/** What a change did to a record; on the wire {@code create}, {@code update}, {@code delete}. */
@JsonbTypeAdapter(ChangeActionAdapter.class)
public enum ChangeAction {
  CREATE("created"),
  UPDATE("updated"),
  DELETE("deleted");

  private final String pastTense;

  ChangeAction(String pastTense) {
    this.pastTense = pastTense;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code created}, as in the {@code entity:created} frame type. */
  public String pastTense() {
    return pastTense;
  }

  /** Parses a wire name; null for anything else. */
  public static ChangeAction fromWire(String name) {
    for (ChangeAction action : values()) {
      if (action.wireName().equals(name)) {
        return action;
      }
    }
    return null;
  }
}
