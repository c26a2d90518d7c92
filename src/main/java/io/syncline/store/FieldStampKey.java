package io.syncline.store;

import java.io.Serializable;
import java.util.Objects;

/** The primary key of a {@link FieldStamp}: entity type, record id and field. */
public class FieldStampKey implements Serializable {

  private static final long serialVersionUID = 1L;

  private String entity;
  private String id;
  private String field;

  public FieldStampKey() {}

  FieldStampKey(String entity, String id, String field) {
    this.entity = entity;
    this.id = id;
    this.field = field;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldStampKey key
        && Objects.equals(entity, key.entity)
        && Objects.equals(id, key.id)
        && Objects.equals(field, key.field);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entity, id, field);
  }
}
