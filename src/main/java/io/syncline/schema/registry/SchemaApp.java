package io.syncline.schema.registry;

import io.syncline.schema.Compatibility;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row per app: its latest version, which writers take under a row lock held to commit (so
 * versions are gap-free per app), and its compatibility mode (null: the configured default).
 */
@Entity
@Table(name = "SYNC_SCHEMA_APP")
public class SchemaApp {

  @Id
  @Column(name = "APP", length = 100)
  private String app;

  @Column(name = "LATEST_VERSION", nullable = false)
  private long latest;

  @Column(name = "COMPATIBILITY", length = 10)
  private String compatibility;

  protected SchemaApp() {}

  SchemaApp(String app) {
    this.app = app;
  }

  String app() {
    return app;
  }

  /** The latest version; 0 while the app has none. */
  long latest() {
    return latest;
  }

  void latest(long version) {
    this.latest = version;
  }

  /** The wire name of the app's own mode, or null. */
  String compatibility() {
    return compatibility;
  }

  void compatibility(Compatibility mode) {
    this.compatibility = mode.wireName();
  }
}
