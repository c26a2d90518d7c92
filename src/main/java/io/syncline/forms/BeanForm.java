package io.syncline.forms;

import io.syncline.protocol.ConstraintMessages;
import io.syncline.protocol.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A form declared as a class or record annotated {@link Form}: its fields are the record's
 * components (or the class's instance fields, but {@code id}, transient ones and those a JPA
 * provider weaves in), checked one by one with Bean Validation's {@code validateValue}. Constraints
 * on the class as a whole are not part of it.
 */
final class BeanForm implements FormDefinition {

  private final String name;
  private final Class<?> type;
  private final LocalizedValidators validators;
  private final Map<String, Class<?>> types = new LinkedHashMap<>();
  private final List<FormField> fields = new ArrayList<>();

  BeanForm(Class<?> type, LocalizedValidators validators) {
    this.name = type.getAnnotation(Form.class).value();
    this.type = type;
    this.validators = validators;
    BeanDescriptor bean = validators.english().getConstraintsForClass(type);
    for (Map.Entry<String, Class<?>> field : declared(type).entrySet()) {
      types.put(field.getKey(), field.getValue());
      PropertyDescriptor property = bean.getConstraintsForProperty(field.getKey());
      fields.add(
          new FormField(
              field.getKey(),
              FieldValues.jsonType(field.getValue()),
              constraints(
                  property == null ? Set.of() : property.getConstraintDescriptors(),
                  field.getValue())));
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<FormField> fields() {
    return List.copyOf(fields);
  }

  @Override
  public List<String> check(String field, JsonValue value, Locale locale, String where) {
    Object read = FieldValues.read(value, types.get(field), where);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Set<ConstraintViolation<?>> violations =
        (Set) validators.forLocale(locale).validateValue(type, field, read);
    return ConstraintMessages.forFormField(violations);
  }

  /** Record components, or non-static instance fields, by name in declaration order. */
  private static Map<String, Class<?>> declared(Class<?> type) {
    Map<String, Class<?>> fields = new LinkedHashMap<>();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        fields.put(component.getName(), component.getType());
      }
    } else {
      for (Field field : type.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (!Modifier.isStatic(modifiers)
            && !Modifier.isTransient(modifiers)
            && !field.isSynthetic()
            && !field.isAnnotationPresent(JsonbTransient.class)
            && !field.getName().equals("id")
            && !woven(field.getName())) {
          fields.put(field.getName(), field.getType());
        }
      }
    }
    return fields;
  }

  /** The keys of a field's constraints, in the order they are written. */
  private static final List<String> ORDER =
      List.of(
          "required",
          "notBlank",
          "minLength",
          "maxLength",
          "minimum",
          "exclusiveMinimum",
          "maximum",
          "exclusiveMaximum",
          "format",
          "pattern",
          "past",
          "future",
          "enum");

  /**
   * A field a JPA provider weaves into an entity ({@code _persistence_…}, {@code $$_hibernate_…}).
   */
  private static boolean woven(String name) {
    return name.startsWith("_persistence") || name.contains("$");
  }

  /** What a client can check itself, read from the constraints' annotations. */
  private static JsonObject constraints(Set<ConstraintDescriptor<?>> descriptors, Class<?> type) {
    JsonObject found = found(descriptors, type);
    JsonObjectBuilder out = JsonFactory.JSON.createObjectBuilder();
    ORDER.stream().filter(found::containsKey).forEach(key -> out.add(key, found.get(key)));
    return out.build();
  }

  private static JsonObject found(Set<ConstraintDescriptor<?>> descriptors, Class<?> type) {
    JsonObjectBuilder out = JsonFactory.JSON.createObjectBuilder();
    for (ConstraintDescriptor<?> descriptor : descriptors) {
      Map<String, Object> a = descriptor.getAttributes();
      switch (descriptor.getAnnotation().annotationType().getSimpleName()) {
        case "NotNull" -> out.add("required", true);
        case "NotBlank" -> out.add("required", true).add("notBlank", true);
        case "NotEmpty" -> out.add("required", true).add("minLength", 1);
        case "Size" -> {
          int min = (Integer) a.get("min");
          int max = (Integer) a.get("max");
          if (min > 0) {
            out.add("minLength", min);
          }
          if (max < Integer.MAX_VALUE) {
            out.add("maxLength", max);
          }
        }
        case "Email" -> out.add("format", "email");
        case "Pattern" -> out.add("pattern", (String) a.get("regexp"));
        case "Min", "PositiveOrZero" ->
            out.add("minimum", a.containsKey("value") ? (Long) a.get("value") : 0L);
        case "Max", "NegativeOrZero" ->
            out.add("maximum", a.containsKey("value") ? (Long) a.get("value") : 0L);
        case "DecimalMin" -> out.add("minimum", new BigDecimal((String) a.get("value")));
        case "DecimalMax" -> out.add("maximum", new BigDecimal((String) a.get("value")));
        case "Positive" -> out.add("exclusiveMinimum", 0);
        case "Negative" -> out.add("exclusiveMaximum", 0);
        case "Past", "PastOrPresent" -> out.add("past", true);
        case "Future", "FutureOrPresent" -> out.add("future", true);
        default -> {
          // a constraint a client cannot check itself: the server still does
        }
      }
    }
    if (type.isEnum()) {
      out.add(
          "enum",
          JsonFactory.JSON.createArrayBuilder(
              Arrays.stream(type.getEnumConstants()).map(Object::toString).toList()));
    }
    return out.build();
  }
}
