package io.syncline.schema;

import io.syncline.protocol.SchemaUpdate;
import jakarta.json.JsonObject;
import java.time.Instant;

/** One stored version of an app's schema, as the registry hands it out. */
public record SchemaVersion(
    String app,
    long version,
    SchemaType type,
    JsonObject schema,
    String author,
    Instant createdAt) {

  /** Its fields, as checked when it was stored. */
  public SchemaShape shape() {
    return SchemaShape.trusted(type, schema);
  }

  /** The {@code schema:update} frame's message, and the body of {@code GET /api/schemas/{app}}. */
  public SchemaUpdate update() {
    return new SchemaUpdate(app, version, type.wireName(), schema);
  }
}
