package io.syncline.schema.registry;

import io.syncline.forms.FormDefinition;
import io.syncline.forms.FormField;
import io.syncline.forms.FormSource;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.schema.FieldRules;
import io.syncline.schema.FieldType;
import io.syncline.schema.SchemaField;
import io.syncline.schema.SchemaType;
import io.syncline.schema.SchemaVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry's {@code record} schemas as forms (issue 14): {@code validate_field}, {@code
 * validate_form} and {@code POST /api/forms/{app}/validate} check values against the latest
 * version's fields and constraints. Writes of the entity of the same name are checked by {@link
 * SchemaChecks}, so these forms do not check them again. Forms declared in code come first.
 */
@ApplicationScoped
public class SchemaForms implements FormSource {

  @Inject private SchemaRegistry registry;
  @Inject private EntitySchemas entities;

  @Override
  public Optional<FormDefinition> form(String name) {
    if (entities.isSyncedEntity(name)) {
      return Optional.empty(); // the entity's own class is its form
    }
    try {
      return registry.latest(name).filter(SchemaForms::isRecord).map(SchemaForm::new);
    } catch (ProtocolException notAnApp) {
      return Optional.empty();
    }
  }

  @Override
  public Collection<FormDefinition> forms() {
    return registry.apps().stream().map(this::form).flatMap(Optional::stream).toList();
  }

  private static boolean isRecord(SchemaVersion schema) {
    return schema.type() == SchemaType.RECORD;
  }

  /** One record schema version as a form. */
  private record SchemaForm(SchemaVersion schema) implements FormDefinition {

    @Override
    public String name() {
      return schema.app();
    }

    @Override
    public boolean checksWrites() {
      return false;
    }

    @Override
    public List<FormField> fields() {
      return schema.shape().fields().stream()
          .map(
              field ->
                  new FormField(
                      field.name(),
                      field.type() == FieldType.DATETIME ? "date-time" : field.type().wireName(),
                      JsonFactory.JSON
                          .createObjectBuilder(field.constraints())
                          .add("required", field.required())
                          .build()))
          .toList();
    }

    @Override
    public List<String> check(String field, JsonValue value, Locale locale, String where) {
      SchemaField rules =
          schema.shape().fields().stream()
              .filter(candidate -> candidate.name().equals(field))
              .findFirst()
              .orElseThrow();
      if (value != null && value != JsonValue.NULL && !rules.type().accepts(value)) {
        throw new ProtocolException(
            ErrorCode.BAD_MESSAGE, where + " must be a " + rules.type().wireName() + " value");
      }
      String error = FieldRules.check(rules, value);
      return error == null ? List.of() : List.of(error);
    }
  }
}
