package io.syncline.schema;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks values against a schema's fields: required (present, not null, not a blank string), type,
 * and the constraints {@code minLength}, {@code maxLength}, {@code pattern} (the whole value must
 * match), {@code min}, {@code max}, {@code enum}. Fields the schema does not list are not checked.
 */
public final class FieldRules {

  /** What is wrong with one field's value. */
  public record FieldError(String field, String error) {}

  private static final int PATTERN_CACHE = 256;
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private FieldRules() {}

  /** Every field of {@code record} that breaks its rule, in the schema's field order. */
  public static List<FieldError> check(List<SchemaField> fields, JsonObject record) {
    List<FieldError> errors = new ArrayList<>();
    for (SchemaField field : fields) {
      String error = check(field, record.get(field.name()));
      if (error != null) {
        errors.add(new FieldError(field.name(), error));
      }
    }
    return errors;
  }

  /** What is wrong with {@code value} (null when absent) as the field's value; null if nothing. */
  public static String check(SchemaField field, JsonValue value) {
    if (value == null
        || value == JsonValue.NULL
        || (value instanceof JsonString text && text.getString().isBlank())) {
      return field.required() ? "is required" : null;
    }
    if (!field.type().accepts(value)) {
      return "must be " + article(field.type());
    }
    JsonObject rules = field.constraints();
    if (value instanceof JsonString text) {
      String error = checkText(text.getString(), rules);
      if (error != null) {
        return error;
      }
    }
    if (value instanceof JsonNumber number) {
      BigDecimal amount = number.bigDecimalValue();
      if (rules.get("min") instanceof JsonNumber min
          && amount.compareTo(min.bigDecimalValue()) < 0) {
        return "must be at least " + min;
      }
      if (rules.get("max") instanceof JsonNumber max
          && amount.compareTo(max.bigDecimalValue()) > 0) {
        return "must be at most " + max;
      }
    }
    if (rules.get("enum") instanceof JsonArray choices && !choices.contains(value)) {
      return "must be one of " + choices;
    }
    return null;
  }

  private static String checkText(String text, JsonObject rules) {
    if (rules.get("minLength") instanceof JsonNumber min && text.length() < min.intValue()) {
      return "must be at least " + min.intValue() + " characters long";
    }
    if (rules.get("maxLength") instanceof JsonNumber max && text.length() > max.intValue()) {
      return "must be at most " + max.intValue() + " characters long";
    }
    if (rules.get("pattern") instanceof JsonString pattern
        && !compiled(pattern.getString()).matcher(text).matches()) {
      return "must match " + pattern.getString();
    }
    return null;
  }

  private static Pattern compiled(String regex) {
    if (PATTERNS.size() > PATTERN_CACHE) {
      PATTERNS.clear();
    }
    return PATTERNS.computeIfAbsent(regex, Pattern::compile);
  }

  private static String article(FieldType type) {
    return switch (type) {
      case INTEGER, OBJECT, ARRAY -> "an " + type.wireName();
      case DATE -> "a date (YYYY-MM-DD)";
      case DATETIME -> "a date-time (ISO-8601)";
      default -> "a " + type.wireName();
    };
  }
}
