package io.syncline.store;

import java.io.Serializable;
import java.util.Objects;

/** The primary key of a {@link SyncRecord}: entity type and id. */
public class RecordKey implements Serializable {

  private static final long serialVersionUID = 1L;

  private String entity;
  private String id;

  public RecordKey() {}

  RecordKey(String entity, String id) {
    this.entity = entity;
    this.id = id;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RecordKey key
        && Objects.equals(entity, key.entity)
        && Objects.equals(id, key.id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entity, id);
  }
}
