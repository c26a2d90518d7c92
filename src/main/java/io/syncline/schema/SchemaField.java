package io.syncline.schema;

import jakarta.json.JsonObject;

/**
 * One field of a record, column of a table or field of an array's items. {@code constraints} holds
 * {@code maxLength}, {@code minLength}, {@code pattern}, {@code min}, {@code max}, {@code enum} and
 * whatever else the schema's author put there; it is empty when there are none.
 */
public record SchemaField(String name, FieldType type, boolean required, JsonObject constraints) {}
