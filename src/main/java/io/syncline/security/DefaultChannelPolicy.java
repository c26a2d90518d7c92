package io.syncline.security;

import io.syncline.config.SynclineConfig;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The policy, configured with MicroProfile Config (docs/security.md):
 *
 * <ul>
 *   <li>{@code user:{id}}: that user only, admins included;
 *   <li>entities: {@code syncline.policy.entity.{Entity}.read|write} (role lists, {@code *} for any
 *       authenticated caller; defaults {@code syncline.policy.default.read|write}, {@code *}), and
 *       {@code .owner-field}: a record is then readable and writable only by the user its field
 *       names;
 *   <li>publishing: {@code syncline.policy.publish-roles} ({@code service,admin});
 *   <li>schemas: {@code syncline.policy.schema-write-roles} ({@code admin});
 *   <li>{@code presence:{resource}}: whoever may subscribe to the resource;
 *   <li>{@code admin} may do everything else.
 * </ul>
 */
@ApplicationScoped
public class DefaultChannelPolicy implements ChannelPolicy {

  static final String ADMIN = "admin";
  private static final String ANY = "*";

  /** One entity's rules, read from the configuration once: the policy runs per subscriber. */
  private record EntityRules(Set<String> read, Set<String> write, Optional<String> ownerField) {}

  private final Map<String, EntityRules> rules = new ConcurrentHashMap<>();
  private final Function<String, Optional<String>> settings;
  private volatile Set<String> publishRoles;
  private volatile Set<String> schemaWriteRoles;

  /** The policy configured with MicroProfile Config. */
  public DefaultChannelPolicy() {
    this(SynclineConfig::setting);
  }

  /** The policy configured by {@code settings}, a lookup of the same keys (tests, tools). */
  public DefaultChannelPolicy(Function<String, Optional<String>> settings) {
    this.settings = settings;
  }

  @Override
  public void checkSubscribe(Caller caller, ChannelName channel) {
    switch (channel.kind()) {
      case USER -> {
        // own only (PROTOCOL.md), admins too: a user's personal channel is theirs alone
        if (!channel.id().equals(caller.userId())) {
          throw forbidden("'" + channel + "' belongs to another user");
        }
      }
      case ENTITY, FIELDS -> checkRead(caller, channel.entity());
      case PRESENCE -> {
        Optional<ChannelName> resource = channel.presenceResource();
        if (resource.isPresent()) {
          checkSubscribe(caller, resource.get());
        }
      }
      default -> {
        // component: rooms and schema: broadcasts are open to every authenticated caller
      }
    }
  }

  @Override
  public void checkBroadcast(Caller caller, ChannelName channel) {
    checkSubscribe(caller, channel);
  }

  @Override
  public void checkPublish(Caller caller, ChannelName channel) {
    Set<String> allowed = publishRoles();
    if (!hasAny(caller, allowed)) {
      throw forbidden("publishing needs one of the roles " + allowed);
    }
  }

  @Override
  public void checkSchemaWrite(Caller caller) {
    Set<String> allowed = schemaWriteRoles;
    if (allowed == null) {
      allowed = split(settings.apply("syncline.policy.schema-write-roles").orElse(ADMIN));
      schemaWriteRoles = allowed;
    }
    if (!hasAny(caller, allowed)) {
      throw forbidden("writing schemas needs one of the roles " + allowed);
    }
  }

  @Override
  public void checkRead(Caller caller, String entity) {
    Set<String> allowed = entityRoles(entity, "read");
    if (!hasAny(caller, allowed)) {
      throw forbidden("reading " + entity + " needs one of the roles " + allowed);
    }
  }

  @Override
  public boolean mayRead(Caller caller, String entity, JsonObject record) {
    // runs once per subscriber of every change: one map look-up, no lambda or stream
    EntityRules entityRules = rules(entity);
    if (!hasAny(caller, entityRules.read())) {
      return false;
    }
    Optional<String> owner = entityRules.ownerField();
    return owner.isEmpty() || owns(caller, record, owner.get());
  }

  @Override
  public boolean mayReadDeleted(Caller caller, String entity) {
    return hasAny(caller, entityRoles(entity, "read"))
        && (ownerField(entity).isEmpty() || caller.hasRole(ADMIN));
  }

  @Override
  public void checkAdministration(Caller caller, String operation) {
    if (!caller.hasRole(ADMIN)) {
      throw forbidden(operation + " needs the role " + ADMIN);
    }
  }

  @Override
  public void checkWrite(Caller caller, String entity, JsonObject current, JsonObject next) {
    Set<String> allowed = entityRoles(entity, "write");
    if (!hasAny(caller, allowed)) {
      throw forbidden("writing " + entity + " needs one of the roles " + allowed);
    }
    Optional<String> owner = ownerField(entity);
    if (owner.isPresent()
        && ((current != null && !owns(caller, current, owner.get()))
            || (next != null && !owns(caller, next, owner.get())))) {
      throw forbidden("only the user in '" + owner.get() + "' may write this " + entity);
    }
  }

  private static boolean owns(Caller caller, JsonObject record, String field) {
    return caller.hasRole(ADMIN)
        || (record.get(field) instanceof JsonString owner
            && owner.getString().equals(caller.userId()));
  }

  private static boolean hasAny(Caller caller, Set<String> allowed) {
    if (allowed.contains(ANY) || caller.hasRole(ADMIN)) {
      return true;
    }
    for (String role : allowed) {
      if (caller.hasRole(role)) {
        return true;
      }
    }
    return false;
  }

  private Set<String> entityRoles(String entity, String action) {
    EntityRules entityRules = rules(entity);
    return action.equals("read") ? entityRules.read() : entityRules.write();
  }

  private Optional<String> ownerField(String entity) {
    return rules(entity).ownerField();
  }

  private EntityRules rules(String entity) {
    EntityRules known = rules.get(entity);
    return known != null ? known : load(entity);
  }

  private EntityRules load(String entity) {
    return rules.computeIfAbsent(
        entity,
        name ->
            new EntityRules(
                split(roleList(name, "read")),
                split(roleList(name, "write")),
                settings
                    .apply("syncline.policy.entity." + name + ".owner-field")
                    .filter(field -> !field.isBlank())));
  }

  private String roleList(String entity, String action) {
    return settings
        .apply("syncline.policy.entity." + entity + "." + action)
        .or(() -> settings.apply("syncline.policy.default." + action))
        .orElse(ANY);
  }

  private Set<String> publishRoles() {
    Set<String> roles = publishRoles;
    if (roles == null) {
      roles = split(settings.apply("syncline.policy.publish-roles").orElse("service,admin"));
      publishRoles = roles;
    }
    return roles;
  }

  private static Set<String> split(String roles) {
    return Arrays.stream(roles.split(","))
        .map(String::trim)
        .filter(role -> !role.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static ProtocolException forbidden(String message) {
    return new ProtocolException(ErrorCode.FORBIDDEN, message);
  }
}
