package io.syncline.schema.registry;

import io.syncline.config.SynclineConfig;
import io.syncline.data.TransactionResources;
import io.syncline.protocol.ConstraintMessages;
import io.syncline.protocol.JsonFactory;
import io.syncline.schema.Compatibility;
import io.syncline.schema.SchemaRefusal;
import io.syncline.schema.SchemaShape;
import io.syncline.schema.SchemaType;
import io.syncline.schema.SchemaVersion;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The schema registry: each app's versions, counted from 1 without gaps, and its compatibility
 * mode. Reads are plain; a write takes the app's row lock until it commits, then broadcasts.
 */
@ApplicationScoped
public class SchemaRegistry {

  private static final Pattern APP = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
  private static final Object LATEST_SEEN = SchemaRegistry.class.getName() + ".latest";

  /** When a registration stores a version. */
  public enum When {
    /** Always (a PUT): the {@code If-Match} and the app's compatibility mode are checked. */
    ALWAYS,
    /** Only while the app has no version (schemas shipped with the application). */
    IF_ABSENT,
    /** Only when it differs from the latest (generated schemas); compatibility is not checked. */
    IF_CHANGED
  }

  /** A schema to store: {@code ifMatch} (may be null) is the version it is based on. */
  public record Registration(
      String app, SchemaType type, JsonObject schema, Long ifMatch, String author, When when) {}

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  @Inject private SynclineConfig config;
  @Inject private SchemaBroadcast broadcast;
  @Inject private SchemaApps apps;
  @Resource private TransactionSynchronizationRegistry transactions;

  /** The app's latest version, if it has one. */
  public Optional<SchemaVersion> latest(String app) {
    if (!isApp(app)) {
      return Optional.empty();
    }
    Map<String, Optional<SchemaVersion>> seen = latestSeen();
    return seen == null ? readLatest(app) : seen.computeIfAbsent(app, this::readLatest);
  }

  private Optional<SchemaVersion> readLatest(String app) {
    SchemaApp row = em.find(SchemaApp.class, app);
    return row == null || row.latest() == 0 ? Optional.empty() : version(app, row.latest());
  }

  /**
   * The latest versions this transaction has read, by app (null outside a transaction): the first
   * read of an app stands for the rest of the transaction, so a group commit of hundreds of writes
   * checks each entity's schema once, not twice per write (the form check and the schema check). A
   * registration in the same transaction forgets its app.
   */
  private Map<String, Optional<SchemaVersion>> latestSeen() {
    return TransactionResources.of(transactions, LATEST_SEEN, HashMap::new);
  }

  /** One version of the app's schema, if it exists. */
  public Optional<SchemaVersion> version(String app, long version) {
    if (!isApp(app)) {
      return Optional.empty();
    }
    return Optional.ofNullable(em.find(SchemaEntry.class, new SchemaEntry.Key(app, version)))
        .map(SchemaEntry::toVersion);
  }

  /** Every version of the app, oldest first; empty for an unknown app. */
  public List<SchemaVersion> versions(String app) {
    return em
        .createQuery(
            "SELECT s FROM SchemaEntry s WHERE s.app = :app ORDER BY s.version", SchemaEntry.class)
        .setParameter("app", app)
        .getResultList()
        .stream()
        .map(SchemaEntry::toVersion)
        .toList();
  }

  /** The apps that have at least one version, by name. */
  public List<String> apps() {
    return em.createQuery(
            "SELECT a.app FROM SchemaApp a WHERE a.latest > 0 ORDER BY a.app", String.class)
        .getResultList();
  }

  /** The app's mode: its own, else the configured default. */
  public Compatibility compatibility(String app) {
    SchemaApp row = isApp(app) ? em.find(SchemaApp.class, app) : null;
    return row == null || row.compatibility() == null
        ? defaultCompatibility()
        : Compatibility.of(row.compatibility()).orElse(defaultCompatibility());
  }

  @Transactional
  public Compatibility compatibility(String app, Compatibility mode) {
    lockApp(checkApp(app)).compatibility(mode);
    return mode;
  }

  /** The shape of a candidate schema, within the size and field limits. */
  public SchemaShape shape(SchemaType type, JsonObject schema) {
    int bytes = schema.toString().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > config.schemaMaxBytes()) {
      throw SchemaRefusal.invalid("schema", "is over " + config.schemaMaxBytes() + " bytes");
    }
    return SchemaShape.of(type, schema, config.schemaMaxFields());
  }

  /**
   * Whether the app's mode allows {@code shape} after its latest version; answers the version it
   * would get.
   *
   * @throws SchemaRefusal {@code conflict} naming each breaking field
   */
  public long checkCompatible(String app, SchemaShape shape) {
    Optional<SchemaVersion> latest = latest(checkApp(app));
    latest.ifPresent(previous -> refuseIfBreaking(previous, shape, compatibility(app)));
    return latest.map(SchemaVersion::version).orElse(0L) + 1;
  }

  /**
   * Stores a version as {@code registration} says, and broadcasts it once committed.
   *
   * @return the stored version, or empty when {@link When} said there was nothing to store
   * @throws SchemaRefusal for a malformed schema (400), a stale {@code If-Match} (412) or a schema
   *     that breaks the app's mode (409); nothing is stored then
   */
  @Transactional
  public Optional<SchemaVersion> register(Registration registration) {
    String app = checkApp(registration.app());
    SchemaShape shape = shape(registration.type(), registration.schema());
    broadcast.takeTurn(app);
    SchemaApp row = lockApp(app);
    Optional<SchemaVersion> latest =
        row.latest() == 0 ? Optional.empty() : version(app, row.latest());
    switch (registration.when()) {
      case IF_ABSENT -> {
        if (latest.isPresent()) {
          return Optional.empty();
        }
      }
      case IF_CHANGED -> {
        if (latest.isPresent()
            && latest.get().type() == registration.type()
            && latest.get().schema().equals(registration.schema())) {
          return Optional.empty();
        }
      }
      case ALWAYS -> {
        if (registration.ifMatch() != null && registration.ifMatch() != row.latest()) {
          throw SchemaRefusal.stale(app, registration.ifMatch(), row.latest());
        }
        latest.ifPresent(previous -> refuseIfBreaking(previous, shape, compatibility(app)));
      }
    }
    SchemaVersion stored =
        new SchemaVersion(
            app,
            row.latest() + 1,
            registration.type(),
            registration.schema(),
            registration.author(),
            Instant.ofEpochMilli(System.currentTimeMillis()));
    row.latest(stored.version());
    em.persist(new SchemaEntry(stored));
    Map<String, Optional<SchemaVersion>> seen = latestSeen();
    if (seen != null) {
      seen.remove(app);
    }
    broadcast.onCommit(stored);
    return Optional.of(stored);
  }

  /** The app name, if valid: 1-100 of A-Z a-z 0-9 _ . - */
  public static String checkApp(String app) {
    if (!isApp(app)) {
      throw SchemaRefusal.invalid("app", "must be 1-100 of A-Z a-z 0-9 _ . -");
    }
    return app;
  }

  private static boolean isApp(String app) {
    return app != null && APP.matcher(app).matches();
  }

  /** The app's row, locked until the transaction ends; created first if need be. */
  private SchemaApp lockApp(String app) {
    SchemaApp row = em.find(SchemaApp.class, app, LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      try {
        apps.create(app);
      } catch (RuntimeException createdMeanwhile) {
        // another node inserted it first: the find below locks theirs
      }
      row = em.find(SchemaApp.class, app, LockModeType.PESSIMISTIC_WRITE);
    }
    return row;
  }

  private static void refuseIfBreaking(
      SchemaVersion previous, SchemaShape next, Compatibility mode) {
    List<Compatibility.Breaking> breaking = mode.breaking(previous.shape(), next);
    if (breaking.isEmpty()) {
      return;
    }
    JsonArrayBuilder fields = JsonFactory.JSON.createArrayBuilder();
    breaking.forEach(
        b ->
            fields.add(
                JsonFactory.JSON
                    .createObjectBuilder()
                    .add("field", b.field())
                    .add("reason", b.reason())));
    throw SchemaRefusal.incompatible(
        "not "
            + mode.wireName()
            + " compatible with version "
            + previous.version()
            + " of "
            + previous.app()
            + ": "
            + breaking.stream()
                .map(b -> ConstraintMessages.field(b.field(), b.reason()))
                .collect(Collectors.joining("; ")),
        JsonFactory.JSON
            .createObjectBuilder()
            .add("compatibility", mode.wireName())
            .add("version", previous.version())
            .add("breaking", fields)
            .build());
  }

  /** The mode of an app that has not chosen one. */
  private Compatibility defaultCompatibility() {
    return Compatibility.of(config.schemaCompatibility()).orElse(Compatibility.BACKWARD);
  }
}
