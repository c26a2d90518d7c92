package io.syncline.schema.registry;

import io.syncline.change.log.Synced;
import io.syncline.change.log.SyncedEntityListener;
import io.syncline.protocol.JsonFactory;
import io.syncline.schema.FieldType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import jakarta.validation.Validator;
import jakarta.validation.metadata.PropertyDescriptor;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code record} schemas of the synced JPA entities, generated from the JPA metamodel and their
 * Bean Validation constraints: a field per attribute but the id (named by {@code key}), in name
 * order, with its type, {@code required} and the constraints {@link ConstraintFields} maps.
 */
@ApplicationScoped
public class EntitySchemas {

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  @Inject private Validator validator;

  private volatile Set<String> names;

  /** Each synced entity's schema, by its feed name (e.g. {@code Task}). */
  public Map<String, JsonObject> generate() {
    Map<String, JsonObject> schemas = new TreeMap<>();
    for (EntityType<?> entity : synced()) {
      schemas.put(SyncedEntityListener.name(entity.getJavaType()), schema(entity));
    }
    return schemas;
  }

  /** Whether {@code name} is a synced JPA entity, whose writes Bean Validation checks. */
  public boolean isSyncedEntity(String name) {
    Set<String> known = names;
    if (known == null) {
      known =
          synced().stream()
              .map(entity -> SyncedEntityListener.name(entity.getJavaType()))
              .collect(Collectors.toUnmodifiableSet());
      names = known;
    }
    return known.contains(name);
  }

  private Set<EntityType<?>> synced() {
    return em.getMetamodel().getEntities().stream()
        .filter(entity -> entity.getJavaType().isAnnotationPresent(Synced.class))
        .collect(Collectors.toSet());
  }

  private JsonObject schema(EntityType<?> entity) {
    JsonObjectBuilder schema = JsonFactory.JSON.createObjectBuilder();
    JsonArrayBuilder fields = JsonFactory.JSON.createArrayBuilder();
    entity.getAttributes().stream()
        .sorted(Comparator.comparing(Attribute::getName))
        .forEach(
            attribute -> {
              if (attribute instanceof SingularAttribute<?, ?> single && single.isId()) {
                schema.add("key", attribute.getName());
              } else {
                fields.add(field(entity.getJavaType(), attribute));
              }
            });
    return schema.add("fields", fields).build();
  }

  private JsonObject field(Class<?> owner, Attribute<?, ?> attribute) {
    FieldType type =
        attribute.isCollection()
            ? FieldType.ARRAY
            : ConstraintFields.typeOf(attribute.getJavaType());
    PropertyDescriptor property =
        validator.getConstraintsForClass(owner).getConstraintsForProperty(attribute.getName());
    ConstraintFields rules = ConstraintFields.of(property, attribute.getJavaType());
    JsonObjectBuilder field =
        JsonFactory.JSON
            .createObjectBuilder()
            .add("name", attribute.getName())
            .add("type", type.wireName());
    if (rules.required()) {
      field.add("required", true);
    }
    if (!rules.constraints().isEmpty()) {
      field.add("constraints", rules.constraints());
    }
    return field.build();
  }
}
