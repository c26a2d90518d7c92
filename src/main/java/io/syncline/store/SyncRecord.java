package io.syncline.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One record of the generic store: a JSON document of some entity type. */
@Entity
@Table(name = "SYNC_RECORD")
@IdClass(RecordKey.class)
@NamedQuery(
    name = SyncRecord.WITH_IDS,
    query = "SELECT r FROM SyncRecord r WHERE r.entity = :entity AND r.id IN :ids")
public class SyncRecord {

  static final String WITH_IDS = "SyncRecord.withIds";

  @Id
  @Column(name = "ENTITY_TYPE", length = 100)
  private String entity;

  @Id
  @Column(name = "RECORD_ID", length = 200)
  private String id;

  // TEXT, not @Lob: Hibernate maps a @Lob String to a PostgreSQL large object (oid), which the
  // change log's JDBC writes and every other server's reads would then have to go through.
  @Column(name = "DATA_JSON", columnDefinition = "TEXT")
  private String data;

  @Column(name = "RECORD_VERSION", nullable = false)
  private long version;

  @Column(name = "DELETED", nullable = false)
  private boolean deleted;

  @Column(name = "UPDATED_AT", nullable = false)
  private long updatedAt;

  @Column(name = "UPDATED_BY", length = 200)
  private String updatedBy;

  protected SyncRecord() {}

  SyncRecord(String entity, String id) {
    this.entity = entity;
    this.id = id;
  }

  String id() {
    return id;
  }

  String data() {
    return data;
  }

  long version() {
    return version;
  }

  boolean deleted() {
    return deleted;
  }

  long updatedAt() {
    return updatedAt;
  }

  String updatedBy() {
    return updatedBy;
  }

  void write(String data, long version, boolean deleted, long updatedAt, String updatedBy) {
    this.data = data;
    this.version = version;
    this.deleted = deleted;
    this.updatedAt = updatedAt;
    this.updatedBy = updatedBy;
  }
}
