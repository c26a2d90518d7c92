package io.syncline.change.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A {@link io.syncline.protocol.Change} as the change log stores it: written by {@link ChangeLog}
 * with JDBC, read with JPA.
 */
@Entity
@Table(
    name = "SYNC_CHANGE",
    indexes = {
      @Index(name = "SYNC_CHANGE_ENTITY", columnList = "ENTITY_TYPE, CHANGE_VERSION"),
      @Index(name = "SYNC_CHANGE_RECORD", columnList = "ENTITY_TYPE, ENTITY_ID")
    })
public class ChangeRow {

  @Id
  @Column(name = "CHANGE_VERSION")
  private long version;

  @Column(name = "ENTITY_TYPE", length = 100, nullable = false)
  private String entity;

  @Column(name = "ENTITY_ID", length = 200, nullable = false)
  private String entityId;

  @Column(name = "ACTION", length = 10, nullable = false)
  private String action;

  // TEXT, not @Lob: Hibernate maps a @Lob String to a PostgreSQL large object (oid), which the
  // change log's JDBC writes and every other server's reads would then have to go through.
  @Column(name = "DATA_JSON", columnDefinition = "TEXT")
  private String data;

  @Column(name = "ACTOR", length = 200)
  private String actor;

  @Column(name = "CHANGED_AT", nullable = false)
  private long changedAt;

  /** The fields the change wrote ({@link io.syncline.protocol.WrittenFields}), if any. */
  @Column(name = "FIELDS_JSON", columnDefinition = "TEXT")
  private String fields;

  // a delete's removed record, for the policy only (frames say data: null); its own column, so
  // that no reader of DATA_JSON, an older version's included, can take it for the change's data
  @Column(name = "REMOVED_JSON", columnDefinition = "TEXT")
  private String removed;

  protected ChangeRow() {}

  public long version() {
    return version;
  }

  public String entity() {
    return entity;
  }

  public String entityId() {
    return entityId;
  }

  public String action() {
    return action;
  }

  public String data() {
    return data;
  }

  public String actor() {
    return actor;
  }

  public long changedAt() {
    return changedAt;
  }

  public String fields() {
    return fields;
  }

  public String removed() {
    return removed;
  }
}
