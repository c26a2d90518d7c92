package io.syncline.schema.registry;

import io.syncline.protocol.ConstraintMessages;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.records.WriteCheck;
import io.syncline.schema.FieldRules;
import io.syncline.schema.SchemaType;
import io.syncline.schema.SchemaVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Schema-checked writes: a record of an entity for which a {@code record} schema is registered
 * under the app of the entity's name is checked against its latest version before it is written.
 * The synced JPA entities are left to their Bean Validation constraints, from which their schemas
 * are generated.
 */
@ApplicationScoped
public class SchemaChecks implements WriteCheck {

  @Inject private SchemaRegistry registry;
  @Inject private EntitySchemas entities;

  /** Run by the one write path on every created or changed record, from any edge. */
  @Override
  public void check(String entity, String id, JsonObject next) {
    check(entity, next);
  }

  /**
   * Checks the full data a write of {@code entity} would store.
   *
   * @throws ProtocolException {@code validation_failed} naming each field that breaks its rule
   */
  public void check(String entity, JsonObject data) {
    if (entities.isSyncedEntity(entity)) {
      return;
    }
    Optional<SchemaVersion> schema = registry.latest(entity);
    if (schema.isEmpty() || schema.get().type() != SchemaType.RECORD) {
      return;
    }
    List<FieldRules.FieldError> errors = FieldRules.check(schema.get().shape().fields(), data);
    if (errors.isEmpty()) {
      return;
    }
    JsonArrayBuilder details = JsonFactory.JSON.createArrayBuilder();
    errors.forEach(
        e ->
            details.add(
                JsonFactory.JSON
                    .createObjectBuilder()
                    .add("field", e.field())
                    .add("error", e.error())));
    throw new ProtocolException(
        ErrorCode.VALIDATION_FAILED,
        errors.stream()
                .map(e -> ConstraintMessages.field(e.field(), e.error()))
                .collect(Collectors.joining("; "))
            + " (schema "
            + entity
            + " version "
            + schema.get().version()
            + ")",
        JsonFactory.JSON
            .createObjectBuilder()
            .add("app", entity)
            .add("version", schema.get().version())
            .add("errors", details)
            .build());
  }
}
