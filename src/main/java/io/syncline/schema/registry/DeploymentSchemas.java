package io.syncline.schema.registry;

import io.syncline.protocol.JsonFactory;
import io.syncline.schema.SchemaType;
import io.syncline.schema.SchemaVersion;
import io.syncline.schema.registry.SchemaRegistry.Registration;
import io.syncline.schema.registry.SchemaRegistry.When;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At deployment: stores a new version of each synced entity's generated schema whose shape changed
 * (none when it did not), and the schemas listed in {@code META-INF/syncline-schemas.json} for apps
 * that have none yet.
 */
@ApplicationScoped
public class DeploymentSchemas {

  /** The author of the versions stored at deployment. */
  public static final String AUTHOR = "syncline";

  static final String INITIAL = "META-INF/syncline-schemas.json";
  private static final Logger LOG = Logger.getLogger(DeploymentSchemas.class.getName());

  @Inject private SchemaRegistry registry;
  @Inject private EntitySchemas entities;

  void deployed(@Observes @Initialized(ApplicationScoped.class) Object started) {
    try {
      entities
          .generate()
          .forEach(
              (app, schema) ->
                  registry
                      .register(
                          new Registration(
                              app, SchemaType.RECORD, schema, null, AUTHOR, When.IF_CHANGED))
                      .ifPresent(stored -> LOG.info(() -> "Stored " + describe(stored))));
      initial()
          .forEach(
              (app, entry) ->
                  registry
                      .register(registration(app, entry))
                      .ifPresent(stored -> LOG.info(() -> "Stored " + describe(stored))));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not store the schemas of this deployment", e);
    }
  }

  private static Registration registration(String app, JsonValue entry) {
    JsonObject object = entry.asJsonObject();
    SchemaType type =
        SchemaType.of(object.getString("schemaType"))
            .orElseThrow(() -> new IllegalStateException(INITIAL + ": bad schemaType of " + app));
    return new Registration(
        app, type, object.getJsonObject("schema"), null, AUTHOR, When.IF_ABSENT);
  }

  private static Map<String, JsonValue> initial() {
    InputStream in = DeploymentSchemas.class.getClassLoader().getResourceAsStream(INITIAL);
    if (in == null) {
      return Map.of();
    }
    try (in;
        JsonReader reader = JsonFactory.JSON.createReader(in)) {
      return reader.readObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + INITIAL, e);
    }
  }

  private static String describe(SchemaVersion stored) {
    return "schema " + stored.app() + " version " + stored.version();
  }
}
