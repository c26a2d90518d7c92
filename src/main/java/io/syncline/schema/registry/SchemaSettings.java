package io.syncline.schema.registry;

import io.syncline.schema.Compatibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The registry's limits and defaults (docs/configuration.md). */
@ApplicationScoped
public class SchemaSettings {

  @Inject
  @ConfigProperty(name = "syncline.schemas.max-bytes", defaultValue = "65536")
  int maxBytes;

  @Inject
  @ConfigProperty(name = "syncline.schemas.max-fields", defaultValue = "200")
  int maxFields;

  @Inject
  @ConfigProperty(name = "syncline.schemas.compatibility", defaultValue = "backward")
  String compatibility;

  /** The largest schema accepted, in UTF-8 bytes of its JSON. */
  public int maxBytes() {
    return maxBytes;
  }

  /** The most fields (or columns) one schema may list. */
  public int maxFields() {
    return maxFields;
  }

  /** The mode of an app that has not chosen one. */
  public Compatibility defaultCompatibility() {
    return Compatibility.of(compatibility).orElse(Compatibility.BACKWARD);
  }
}
