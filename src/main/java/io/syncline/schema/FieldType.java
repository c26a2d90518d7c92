package io.syncline.schema;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The type of one field, column or array item, and which JSON values are of it. */
public enum FieldType {
  STRING,
  NUMBER,
  INTEGER,
  BOOLEAN,
  /** An ISO-8601 date string, {@code 2024-01-15}. */
  DATE,
  /** An ISO-8601 date-time string, with or without an offset. */
  DATETIME,
  OBJECT,
  ARRAY;

  /** {@code string, number, …}: the names a schema may use. */
  public static final String NAMES =
      Arrays.stream(values()).map(FieldType::wireName).collect(Collectors.joining(", "));

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FieldType> of(String wireName) {
    return Arrays.stream(values()).filter(type -> type.wireName().equals(wireName)).findFirst();
  }

  /** Whether a (non-null) JSON value is of this type. */
  public boolean accepts(JsonValue value) {
    return switch (this) {
      case STRING -> value instanceof JsonString;
      case NUMBER -> value instanceof JsonNumber;
      case INTEGER -> value instanceof JsonNumber number && isIntegral(number);
      case BOOLEAN -> value == JsonValue.TRUE || value == JsonValue.FALSE;
      case DATE -> value instanceof JsonString text && parses(text.getString(), false);
      case DATETIME -> value instanceof JsonString text && parses(text.getString(), true);
      case OBJECT -> value.getValueType() == JsonValue.ValueType.OBJECT;
      case ARRAY -> value.getValueType() == JsonValue.ValueType.ARRAY;
    };
  }

  private static boolean isIntegral(JsonNumber number) {
    return number.isIntegral() || number.bigDecimalValue().stripTrailingZeros().scale() <= 0;
  }

  private static boolean parses(String text, boolean withTime) {
    try {
      if (withTime) {
        return parsesWithOffset(text) || LocalDateTime.parse(text) != null;
      }
      return LocalDate.parse(text) != null;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean parsesWithOffset(String text) {
    try {
      return OffsetDateTime.parse(text) != null;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
