package io.syncline.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a schema describes (seed 000's "schema type"): a table, an array, or a record. */
public enum SchemaType {
  /** {@code {columns:[{name, type}]}}. */
  TABLE,
  /** {@code {items:{type, fields?}}}. */
  ARRAY,
  /** {@code {fields:[{name, type, required?, constraints?}]}}. */
  RECORD;

  /** The name on the wire: {@code table}, {@code array} or {@code record}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type with this wire name, if there is one. */
  public static Optional<SchemaType> of(String wireName) {
    return Arrays.stream(values()).filter(type -> type.wireName().equals(wireName)).findFirst();
  }
}
