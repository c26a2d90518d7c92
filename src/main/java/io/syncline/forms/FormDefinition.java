package io.syncline.forms;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A form as validation sees it, whatever it was declared with. */
public interface FormDefinition {

  String name();

  /** The fields, in the order they were declared. */
  List<FormField> fields();

  /**
   * Whether this form also checks every write of the entity of its name ({@link FormCheck}). Forms
   * whose source checks writes itself (the schema registry's) say no.
   */
  default boolean checksWrites() {
    return true;
  }

  default Optional<FormField> field(String name) {
    return fields().stream().filter(field -> field.field().equals(name)).findFirst();
  }

  /**
   * The messages of the constraints {@code value} breaks, in {@code locale}; empty when it is
   * valid. {@code value} is null for a missing field.
   *
   * @throws io.syncline.protocol.ProtocolException {@code bad_message} for a value of the wrong
   *     JSON type, with {@code where} naming it
   */
  List<String> check(String field, JsonValue value, Locale locale, String where);
}
