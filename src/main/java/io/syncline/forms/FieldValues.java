package io.syncline.forms;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * JSON values read as a form field's Java type, the same way for validation and for writes. A
 * string is accepted for numbers, booleans and dates (seed 002 sends every value as a string, and
 * an empty one counts as missing); a number is not accepted for a string, nor an object for a
 * scalar.
 */
final class FieldValues {

  private static final Set<Class<?>> INTEGERS =
      Set.of(
          int.class,
          Integer.class,
          long.class,
          Long.class,
          short.class,
          Short.class,
          byte.class,
          Byte.class,
          BigInteger.class);
  private static final Set<Class<?>> NUMBERS =
      Set.of(double.class, Double.class, float.class, Float.class, BigDecimal.class);

  private FieldValues() {}

  /** The field's JSON type, as forms describe it. */
  static String jsonType(Class<?> type) {
    if (type == String.class || type == char.class || type == Character.class || type.isEnum()) {
      return "string";
    }
    if (INTEGERS.contains(type)) {
      return "integer";
    }
    if (NUMBERS.contains(type)) {
      return "number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    if (type == LocalDate.class) {
      return "date";
    }
    if (type == LocalDateTime.class || type == OffsetDateTime.class || type == Instant.class) {
      return "date-time";
    }
    return "object";
  }

  /**
   * {@code value} as a {@code type}; null for a missing one.
   *
   * @throws ProtocolException {@code bad_message} naming {@code where} when it is of another type
   */
  static Object read(JsonValue value, Class<?> type, String where) {
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    String kind = jsonType(type);
    if (kind.equals("string")) {
      if (!(value instanceof JsonString text)) {
        throw wrong(where, "a string");
      }
      return type.isEnum() ? enumConstant(type, text.getString(), where) : text.getString();
    }
    if (value instanceof JsonString text && text.getString().isEmpty()) {
      return null;
    }
    if (!kind.equals("object") && value.getValueType() != JsonValue.ValueType.STRING) {
      boolean fits =
          switch (kind) {
            case "integer" -> value instanceof JsonNumber number && number.isIntegral();
            case "number" -> value instanceof JsonNumber;
            case "boolean" -> value == JsonValue.TRUE || value == JsonValue.FALSE;
            default -> false;
          };
      if (!fits) {
        throw wrong(where, article(kind));
      }
    }
    try {
      return switch (kind) {
        case "integer", "number" -> number(value, type);
        case "boolean" -> bool(value, where);
        case "date" -> LocalDate.parse(((JsonString) value).getString());
        case "date-time" -> dateTime(((JsonString) value).getString(), type);
        default -> JsonFactory.jsonb().fromJson(value.toString(), type);
      };
    } catch (JsonbException
        | DateTimeParseException
        | ArithmeticException
        | NumberFormatException
        | ClassCastException e) {
      throw wrong(where, article(kind));
    }
  }

  /** A JSON number, or a string holding one, as the field's numeric type. */
  private static Object number(JsonValue value, Class<?> type) {
    BigDecimal number =
        value instanceof JsonNumber json
            ? json.bigDecimalValue()
            : new BigDecimal(((JsonString) value).getString().trim());
    if (type == BigDecimal.class) {
      return number;
    }
    if (type == double.class || type == Double.class) {
      return number.doubleValue();
    }
    if (type == float.class || type == Float.class) {
      return number.floatValue();
    }
    BigInteger integer = number.toBigIntegerExact();
    if (type == BigInteger.class) {
      return integer;
    }
    if (type == long.class || type == Long.class) {
      return integer.longValueExact();
    }
    if (type == int.class || type == Integer.class) {
      return integer.intValueExact();
    }
    return type == short.class || type == Short.class
        ? integer.shortValueExact()
        : integer.byteValueExact();
  }

  private static Boolean bool(JsonValue value, String where) {
    if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      return value == JsonValue.TRUE;
    }
    return switch (((JsonString) value).getString()) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw wrong(where, article("boolean"));
    };
  }

  private static Object dateTime(String text, Class<?> type) {
    if (type == Instant.class) {
      return Instant.parse(text);
    }
    return type == LocalDateTime.class ? LocalDateTime.parse(text) : OffsetDateTime.parse(text);
  }

  private static Object enumConstant(Class<?> type, String name, String where) {
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
    }
    throw wrong(where, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
  }

  private static String article(String kind) {
    return switch (kind) {
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "date" -> "a date (YYYY-MM-DD)";
      case "date-time" -> "a date and time (ISO-8601)";
      default -> "an object of the field's shape";
    };
  }

  private static ProtocolException wrong(String where, String expected) {
    return new ProtocolException(ErrorCode.BAD_MESSAGE, where + " must be " + expected);
  }
}
