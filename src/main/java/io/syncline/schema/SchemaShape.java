package io.syncline.schema;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A well-formed schema's fields: a record's {@code fields}, a table's {@code columns}, or an
 * array's {@code items} ({@code itemsType}, and {@code fields} when its items are objects that list
 * them). {@link #of} checks the shape; what it does not know it keeps as it was sent.
 */
public record SchemaShape(SchemaType type, List<SchemaField> fields, FieldType itemsType) {

  private static final int MAX_NAME = 100;

  /**
   * The shape of {@code schema} as a schema of {@code type}.
   *
   * @throws SchemaRefusal {@code validation_failed} naming the first field that is wrong
   */
  public static SchemaShape of(SchemaType type, JsonObject schema, int maxFields) {
    return switch (type) {
      case RECORD -> new SchemaShape(type, fields(schema, "fields", "schema", maxFields), null);
      case TABLE -> new SchemaShape(type, fields(schema, "columns", "schema", maxFields), null);
      case ARRAY -> {
        if (!(schema.get("items") instanceof JsonObject items)) {
          throw SchemaRefusal.invalid("schema.items", "must be an object {type, fields?}");
        }
        FieldType itemsType = type(items, "schema.items");
        List<SchemaField> fields =
            items.containsKey("fields")
                ? fields(items, "fields", "schema.items", maxFields)
                : List.of();
        yield new SchemaShape(type, fields, itemsType);
      }
    };
  }

  /** The shape of a schema the registry stored, which was checked then. */
  public static SchemaShape trusted(SchemaType type, JsonObject schema) {
    return of(type, schema, Integer.MAX_VALUE);
  }

  private static List<SchemaField> fields(
      JsonObject owner, String key, String ownerPath, int maxFields) {
    String path = ownerPath + "." + key;
    if (!(owner.get(key) instanceof JsonArray list)) {
      throw SchemaRefusal.invalid(path, "must be an array of {name, type}");
    }
    if (list.size() > maxFields) {
      throw SchemaRefusal.invalid(path, "has more than " + maxFields + " entries");
    }
    List<SchemaField> fields = new ArrayList<>(list.size());
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = path + "[" + i + "]";
      if (!(list.get(i) instanceof JsonObject field)) {
        throw SchemaRefusal.invalid(at, "must be an object {name, type}");
      }
      SchemaField parsed = field(field, at);
      if (!names.add(parsed.name())) {
        throw SchemaRefusal.invalid(at + ".name", "repeats the name '" + parsed.name() + "'");
      }
      fields.add(parsed);
    }
    return List.copyOf(fields);
  }

  private static SchemaField field(JsonObject field, String at) {
    if (!(field.get("name") instanceof JsonString name) || name.getString().isBlank()) {
      throw SchemaRefusal.invalid(at + ".name", "must be a non-empty string");
    }
    if (name.getString().length() > MAX_NAME) {
      throw SchemaRefusal.invalid(at + ".name", "is longer than " + MAX_NAME + " characters");
    }
    JsonValue required = field.get("required");
    if (required != null && required != JsonValue.TRUE && required != JsonValue.FALSE) {
      throw SchemaRefusal.invalid(at + ".required", "must be true or false");
    }
    JsonValue constraints = field.get("constraints");
    if (constraints != null && !(constraints instanceof JsonObject)) {
      throw SchemaRefusal.invalid(at + ".constraints", "must be an object");
    }
    JsonObject checked =
        constraints == null ? JsonValue.EMPTY_JSON_OBJECT : constraints.asJsonObject();
    checkConstraints(checked, at + ".constraints");
    return new SchemaField(name.getString(), type(field, at), required == JsonValue.TRUE, checked);
  }

  private static FieldType type(JsonObject owner, String at) {
    JsonValue type = owner.get("type");
    if (!(type instanceof JsonString name)) {
      throw SchemaRefusal.invalid(at + ".type", "is required: one of " + FieldType.NAMES);
    }
    return FieldType.of(name.getString())
        .orElseThrow(
            () ->
                SchemaRefusal.invalid(
                    at + ".type",
                    "must be one of " + FieldType.NAMES + ", not '" + name.getString() + "'"));
  }

  private static void checkConstraints(JsonObject constraints, String at) {
    for (String length : List.of("minLength", "maxLength")) {
      JsonValue value = constraints.get(length);
      if (value != null
          && !(value instanceof JsonNumber number
              && number.isIntegral()
              && number.longValue() >= 0)) {
        throw SchemaRefusal.invalid(at + "." + length, "must be a whole number of 0 or more");
      }
    }
    for (String bound : List.of("min", "max")) {
      if (constraints.containsKey(bound) && !(constraints.get(bound) instanceof JsonNumber)) {
        throw SchemaRefusal.invalid(at + "." + bound, "must be a number");
      }
    }
    JsonValue pattern = constraints.get("pattern");
    if (pattern != null) {
      if (!(pattern instanceof JsonString regex)) {
        throw SchemaRefusal.invalid(at + ".pattern", "must be a regular expression string");
      }
      try {
        Pattern.compile(regex.getString());
      } catch (PatternSyntaxException e) {
        throw SchemaRefusal.invalid(at + ".pattern", "is not a valid regular expression");
      }
    }
    JsonValue choices = constraints.get("enum");
    if (choices != null && !(choices instanceof JsonArray list && !list.isEmpty())) {
      throw SchemaRefusal.invalid(at + ".enum", "must be a non-empty array");
    }
  }
}
