package io.syncline.schema.registry;

import io.syncline.protocol.JsonFactory;
import io.syncline.schema.FieldType;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * A Java property's schema field type, and its Bean Validation constraints as {@code required} and
 * schema constraints: {@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty} → required (the last
 * two also {@code minLength: 1}); {@code @Size} → {@code minLength}/{@code maxLength};
 * {@code @Pattern} → {@code pattern}; {@code @Min}, {@code @DecimalMin}, {@code @PositiveOrZero} →
 * {@code min}; {@code @Max}, {@code @DecimalMax} → {@code max}; an enum → {@code enum}.
 */
record ConstraintFields(boolean required, JsonObject constraints) {

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
      Set.of(float.class, Float.class, double.class, Double.class, BigDecimal.class);
  private static final Set<Class<?>> DATETIMES =
      Set.of(
          LocalDateTime.class,
          Instant.class,
          OffsetDateTime.class,
          ZonedDateTime.class,
          Date.class);

  static FieldType typeOf(Class<?> type) {
    if (type == String.class || type == char.class || type == Character.class || type.isEnum()) {
      return FieldType.STRING;
    }
    if (INTEGERS.contains(type)) {
      return FieldType.INTEGER;
    }
    if (NUMBERS.contains(type)) {
      return FieldType.NUMBER;
    }
    if (type == boolean.class || type == Boolean.class) {
      return FieldType.BOOLEAN;
    }
    if (type == LocalDate.class) {
      return FieldType.DATE;
    }
    if (DATETIMES.contains(type)) {
      return FieldType.DATETIME;
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return FieldType.ARRAY;
    }
    return FieldType.OBJECT;
  }

  static ConstraintFields of(PropertyDescriptor property, Class<?> type) {
    Bounds bounds = new Bounds();
    if (property != null) {
      for (ConstraintDescriptor<?> descriptor : property.getConstraintDescriptors()) {
        bounds.add(descriptor.getAnnotation().annotationType(), descriptor.getAttributes());
      }
    }
    JsonObjectBuilder constraints = JsonFactory.JSON.createObjectBuilder();
    if (type.isEnum()) {
      JsonArrayBuilder names = JsonFactory.JSON.createArrayBuilder();
      for (Object constant : type.getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      constraints.add("enum", names);
    }
    if (bounds.minLength > 0) {
      constraints.add("minLength", bounds.minLength);
    }
    if (bounds.maxLength < Integer.MAX_VALUE) {
      constraints.add("maxLength", bounds.maxLength);
    }
    if (bounds.pattern != null) {
      constraints.add("pattern", bounds.pattern);
    }
    if (bounds.min != null) {
      constraints.add("min", bounds.min);
    }
    if (bounds.max != null) {
      constraints.add("max", bounds.max);
    }
    return new ConstraintFields(bounds.required, constraints.build());
  }

  /** The tightest bounds all constraints together give, whatever order they come in. */
  private static final class Bounds {
    boolean required;
    int minLength;
    int maxLength = Integer.MAX_VALUE;
    String pattern;
    BigDecimal min;
    BigDecimal max;

    void add(Class<?> annotation, Map<String, Object> attributes) {
      if (annotation == NotNull.class) {
        required = true;
      } else if (annotation == NotBlank.class || annotation == NotEmpty.class) {
        required = true;
        minLength = Math.max(minLength, 1);
      } else if (annotation == Size.class) {
        minLength = Math.max(minLength, (Integer) attributes.get("min"));
        maxLength = Math.min(maxLength, (Integer) attributes.get("max"));
      } else if (annotation == Pattern.class) {
        String regexp = (String) attributes.get("regexp");
        pattern = pattern == null || regexp.compareTo(pattern) < 0 ? regexp : pattern;
      } else if (annotation == Min.class) {
        min = larger(min, BigDecimal.valueOf((Long) attributes.get("value")));
      } else if (annotation == DecimalMin.class) {
        min = larger(min, new BigDecimal((String) attributes.get("value")));
      } else if (annotation == PositiveOrZero.class) {
        min = larger(min, BigDecimal.ZERO);
      } else if (annotation == Max.class) {
        max = smaller(max, BigDecimal.valueOf((Long) attributes.get("value")));
      } else if (annotation == DecimalMax.class) {
        max = smaller(max, new BigDecimal((String) attributes.get("value")));
      }
    }

    private static BigDecimal larger(BigDecimal current, BigDecimal next) {
      return current == null || next.compareTo(current) > 0 ? next : current;
    }

    private static BigDecimal smaller(BigDecimal current, BigDecimal next) {
      return current == null || next.compareTo(current) < 0 ? next : current;
    }
  }
}
