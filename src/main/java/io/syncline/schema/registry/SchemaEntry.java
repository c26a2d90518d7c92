package io.syncline.schema.registry;

import io.syncline.protocol.JsonFactory;
import io.syncline.schema.SchemaType;
import io.syncline.schema.SchemaVersion;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row per schema version; the key (app, version) keeps versions unique per app. */
@Entity
@Table(name = "SYNC_SCHEMA")
@IdClass(SchemaEntry.Key.class)
public class SchemaEntry {

  /** The primary key: app and version. */
  public static class Key implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private String app;
    private long version;

    public Key() {}

    Key(String app, long version) {
      this.app = app;
      this.version = version;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && app.equals(key.app) && version == key.version;
    }

    @Override
    public int hashCode() {
      return app.hashCode() * 31 + Long.hashCode(version);
    }
  }

  @Id
  @Column(name = "APP", length = 100)
  private String app;

  @Id
  @Column(name = "SCHEMA_VERSION")
  private long version;

  @Column(name = "SCHEMA_TYPE", length = 10, nullable = false)
  private String type;

  // TEXT, not @Lob, as for every JSON column (docs/database.md).
  @Column(name = "SCHEMA_JSON", nullable = false, columnDefinition = "TEXT")
  private String schema;

  @Column(name = "AUTHOR", length = 200)
  private String author;

  @Column(name = "CREATED_AT", nullable = false)
  private long createdAt;

  protected SchemaEntry() {}

  SchemaEntry(SchemaVersion version) {
    this.app = version.app();
    this.version = version.version();
    this.type = version.type().wireName();
    this.schema = version.schema().toString();
    this.author = version.author();
    this.createdAt = version.createdAt().toEpochMilli();
  }

  SchemaVersion toVersion() {
    return new SchemaVersion(
        app,
        version,
        SchemaType.of(type).orElseThrow(),
        JsonFactory.readObject(schema),
        author,
        Instant.ofEpochMilli(createdAt));
  }
}
