package io.syncline.forms;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.FieldError;
import io.syncline.protocol.FormValidationResult;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.ValidationResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validation of forms, the same answers over the socket and over HTTP. A whole form is validated as
 * submitted: a field not listed counts as missing, so a required one fails.
 */
@ApplicationScoped
public class FormValidation {

  private Forms forms;

  protected FormValidation() {}

  @Inject
  public FormValidation(Forms forms) {
    this.forms = forms;
  }

  /** {@code validate_field}: one value, with the field's constraints as metadata. */
  public ValidationResult field(String formName, String field, JsonValue value, Locale locale) {
    FormDefinition form = forms.get(formName);
    Optional<FormField> declared = form.field(field);
    if (declared.isEmpty()) {
      return new ValidationResult(formName, field, false, noSuchField(form, field), null);
    }
    List<String> errors = form.check(field, value, locale, "field 'value'");
    return new ValidationResult(
        formName,
        field,
        errors.isEmpty(),
        errors.isEmpty() ? null : String.join("; ", errors),
        declared.get().constraints());
  }

  /** {@code validate_form}: {@code fields} is {@code [{field, value}, …]}; one error each. */
  public FormValidationResult form(String formName, JsonValue fields, Locale locale) {
    FormDefinition form = forms.get(formName);
    Map<String, JsonValue> values = values(fields);
    List<FieldError> errors = new ArrayList<>();
    int index = 0;
    Map<String, Integer> positions = new LinkedHashMap<>();
    for (String name : values.keySet()) {
      positions.put(name, index++);
    }
    for (String name : values.keySet()) {
      if (form.field(name).isEmpty()) {
        errors.add(new FieldError(name, noSuchField(form, name)));
      }
    }
    for (FormField field : form.fields()) {
      String where =
          positions.containsKey(field.field())
              ? "field 'fields[" + positions.get(field.field()) + "].value'"
              : "field '" + field.field() + "'";
      form.check(field.field(), values.get(field.field()), locale, where)
          .forEach(error -> errors.add(new FieldError(field.field(), error)));
    }
    return new FormValidationResult(formName, errors.isEmpty(), errors);
  }

  /** The form's field values by name; {@code bad_message} naming what is malformed. */
  static Map<String, JsonValue> values(JsonValue fields) {
    if (!(fields instanceof JsonArray list)) {
      throw bad("field 'fields' must be an array of {field, value}");
    }
    Map<String, JsonValue> values = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof JsonObject entry)
          || !(entry.get("field") instanceof JsonString name)
          || name.getString().isBlank()) {
        throw bad(
            "field 'fields[" + i + "]' must be an object with a string 'field' and a 'value'");
      }
      if (!seen.add(name.getString())) {
        throw bad("field 'fields[" + i + "].field' names '" + name.getString() + "' a second time");
      }
      values.put(name.getString(), entry.get("value"));
    }
    return values;
  }

  /** The record a write would store, checked against the form of the same name. */
  List<FieldError> record(FormDefinition form, JsonObject record) {
    List<FieldError> errors = new ArrayList<>();
    for (String name : record.keySet()) {
      if (form.field(name).isEmpty()) {
        errors.add(new FieldError(name, noSuchField(form, name)));
      }
    }
    for (FormField field : form.fields()) {
      form.check(
              field.field(),
              record.get(field.field()),
              Locale.ENGLISH,
              "field '" + field.field() + "'")
          .forEach(error -> errors.add(new FieldError(field.field(), error)));
    }
    return errors;
  }

  /** Said of a field the form does not have; the answer names the field beside it. */
  private static String noSuchField(FormDefinition form, String field) {
    return "is not a field of form '" + form.name() + "'";
  }

  private static ProtocolException bad(String message) {
    return new ProtocolException(ErrorCode.BAD_MESSAGE, message);
  }

  /** The JSON of a list of field errors, for an error's details. */
  static JsonArray json(List<FieldError> errors) {
    var array = JsonFactory.JSON.createArrayBuilder();
    errors.forEach(
        e ->
            array.add(
                JsonFactory.JSON
                    .createObjectBuilder()
                    .add("field", e.field())
                    .add("error", e.error())));
    return array.build();
  }
}
