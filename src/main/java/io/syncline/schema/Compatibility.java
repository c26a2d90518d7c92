package io.syncline.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An app's compatibility mode, as Confluent Schema Registry defines it, checked against the app's
 * latest version. Fields are optional unless {@code required: true}. {@code backward}: readers of
 * the new schema can read data written with the old one (no new required field, no field made
 * required). {@code forward}: readers of the old schema can read data written with the new one (no
 * required field dropped or made optional). {@code full}: both. In every mode but {@code none}, a
 * field may not change type and the schema may not change its type.
 */
public enum Compatibility {
  NONE,
  BACKWARD,
  FORWARD,
  FULL;

  /** One reason a new schema breaks the mode: the field (or {@code schemaType}) and why. */
  public record Breaking(String field, String reason) {}

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Compatibility> of(String wireName) {
    return Arrays.stream(values()).filter(mode -> mode.wireName().equals(wireName)).findFirst();
  }

  /** Why {@code next} breaks this mode after {@code previous}; empty when it does not. */
  public List<Breaking> breaking(SchemaShape previous, SchemaShape next) {
    List<Breaking> breaking = new ArrayList<>();
    if (this == NONE) {
      return breaking;
    }
    if (previous.type() != next.type()) {
      breaking.add(
          new Breaking(
              "schemaType",
              "changed from " + previous.type().wireName() + " to " + next.type().wireName()));
      return breaking;
    }
    if (previous.itemsType() != null && previous.itemsType() != next.itemsType()) {
      breaking.add(new Breaking("items", retyped(previous.itemsType(), next.itemsType())));
    }
    String prefix = previous.type() == SchemaType.ARRAY ? "items." : "";
    Map<String, SchemaField> before = byName(previous.fields());
    Map<String, SchemaField> after = byName(next.fields());
    after.forEach(
        (name, field) -> {
          SchemaField old = before.get(name);
          if (old == null) {
            if (field.required() && this != FORWARD) {
              breaking.add(new Breaking(prefix + name, "is new and required"));
            }
          } else if (old.type() != field.type()) {
            breaking.add(new Breaking(prefix + name, retyped(old.type(), field.type())));
          } else if (!old.required() && field.required() && this != FORWARD) {
            breaking.add(new Breaking(prefix + name, "became required"));
          } else if (old.required() && !field.required() && this != BACKWARD) {
            breaking.add(new Breaking(prefix + name, "is no longer required"));
          }
        });
    before.forEach(
        (name, old) -> {
          if (!after.containsKey(name) && old.required() && this != BACKWARD) {
            breaking.add(new Breaking(prefix + name, "was required and is gone"));
          }
        });
    return breaking;
  }

  private static String retyped(FieldType from, FieldType to) {
    return "changed type from " + from.wireName() + " to " + (to == null ? "none" : to.wireName());
  }

  private static Map<String, SchemaField> byName(List<SchemaField> fields) {
    Map<String, SchemaField> map = new LinkedHashMap<>();
    fields.forEach(field -> map.put(field.name(), field));
    return map;
  }
}
