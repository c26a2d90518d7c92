package io.syncline.change.catchup;

import io.syncline.change.log.ChangeRow;
import io.syncline.change.log.VersionCounter;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.StoredObject;
import io.syncline.protocol.WrittenFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the change log: what changed after a version, and where the log stands. Each read runs
 * in a transaction (joining the caller's), which also gives scheduled tasks a usable EntityManager.
 */
@ApplicationScoped
@Transactional
public class ChangeQueries {

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  /** One page of changes after {@code since}, oldest first, of one entity or (null) of all. */
  public Page since(String entity, long since, int limit) {
    long head = lastVersion();
    TypedQuery<ChangeRow> query =
        entity == null
            ? em.createQuery(
                "SELECT c FROM ChangeRow c WHERE c.version > :since AND c.version <= :head"
                    + " ORDER BY c.version",
                ChangeRow.class)
            // ordered by the index's columns, entity first: so H2 reads the index in order and
            // stops at the page's end, where ORDER BY c.version alone read and sorted every
            // change after :since on each page (catch-up was quadratic in the log's length)
            : em.createQuery(
                    "SELECT c FROM ChangeRow c WHERE c.entity = :entity AND c.version > :since"
                        + " AND c.version <= :head ORDER BY c.entity, c.version",
                    ChangeRow.class)
                .setParameter("entity", entity);
    return page(query, since, head, limit);
  }

  /**
   * The page up to {@code head}, the counter as read before the query: every version up to it had
   * committed then, so a client that asks again after the page's {@code lastVersion} misses nothing
   * that commits meanwhile.
   */
  private static Page page(TypedQuery<ChangeRow> query, long since, long head, int limit) {
    List<ChangeRow> rows =
        readOnly(query)
            .setParameter("since", since)
            .setParameter("head", head)
            .setMaxResults(limit + 1)
            .getResultList();
    boolean hasMore = rows.size() > limit;
    List<Change> changes = rows.stream().limit(limit).map(ChangeQueries::toChange).toList();
    long last = hasMore ? changes.get(changes.size() - 1).version() : Math.max(since, head);
    return new Page(changes, last, hasMore);
  }

  /**
   * One page of changes after {@code since} on any of the given feeds: whole entities, and single
   * records as {@code entity/id} pairs.
   */
  public Page since(List<String> entities, List<String[]> records, long since, int limit) {
    long head = lastVersion();
    StringBuilder where = new StringBuilder("c.entity IN :entities");
    for (int i = 0; i < records.size(); i++) {
      where
          .append(" OR (c.entity = :e")
          .append(i)
          .append(" AND c.entityId = :i")
          .append(i)
          .append(')');
    }
    TypedQuery<ChangeRow> query =
        em.createQuery(
                "SELECT c FROM ChangeRow c WHERE c.version > :since AND c.version <= :head AND ("
                    + where
                    + ")"
                    + " ORDER BY c.version",
                ChangeRow.class)
            .setParameter("entities", entities.isEmpty() ? List.of("") : entities);
    for (int i = 0; i < records.size(); i++) {
      query.setParameter("e" + i, records.get(i)[0]).setParameter("i" + i, records.get(i)[1]);
    }
    return page(query, since, head, limit);
  }

  /**
   * The rows are only read: without these hints the persistence context keeps each of a page's
   * thousands of rows and compares each for changes when the transaction ends, which took more of a
   * catch-up than anything else. Each provider ignores the other's hint (EclipseLink on Payara,
   * Hibernate on WildFly).
   */
  private static TypedQuery<ChangeRow> readOnly(TypedQuery<ChangeRow> query) {
    return query.setHint("eclipselink.read-only", "true").setHint("org.hibernate.readOnly", true);
  }

  /** Changes with versions in [from, to], oldest first. */
  public List<Change> range(long from, long to) {
    return readOnly(
            em.createQuery(
                "SELECT c FROM ChangeRow c WHERE c.version BETWEEN :from AND :to"
                    + " ORDER BY c.version",
                ChangeRow.class))
        .setParameter("from", from)
        .setParameter("to", to)
        .getResultList()
        .stream()
        .map(ChangeQueries::toChange)
        .toList();
  }

  /** The newest committed version, 0 before the first change. */
  public long lastVersion() {
    VersionCounter counter = counter();
    return counter == null ? 0 : counter.value();
  }

  /** The newest version no longer in the log (0 when nothing was pruned). */
  public long prunedThrough() {
    VersionCounter counter = counter();
    return counter == null ? 0 : counter.prunedThrough();
  }

  /** A record's latest change, if it has one. */
  public Optional<Change> latest(String entity, String entityId) {
    return em.createQuery(
            "SELECT c FROM ChangeRow c WHERE c.entity = :entity AND c.entityId = :id"
                + " ORDER BY c.version DESC",
            ChangeRow.class)
        .setParameter("entity", entity)
        .setParameter("id", entityId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .map(ChangeQueries::toChange);
  }

  /** A record's data as of one version, if that version changed it. */
  public JsonValue dataAt(String entity, String entityId, long version) {
    ChangeRow entry = em.find(ChangeRow.class, version);
    if (entry == null || !entry.entity().equals(entity) || !entry.entityId().equals(entityId)) {
      return null;
    }
    return StoredObject.of(entry.data());
  }

  private VersionCounter counter() {
    return em.createQuery("SELECT v FROM VersionCounter v WHERE v.id = :id", VersionCounter.class)
        .setParameter("id", VersionCounter.ID)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  static Change toChange(ChangeRow entry) {
    return new Change(
        entry.entity(),
        entry.entityId(),
        ChangeAction.fromWire(entry.action()),
        StoredObject.of(entry.data()),
        entry.version(),
        Instant.ofEpochMilli(entry.changedAt()),
        entry.actor(),
        WrittenFields.fromJson(entry.fields()),
        StoredObject.of(entry.removed()));
  }

  /** A page of changes; ask again after {@code lastVersion} while {@code hasMore}. */
  public record Page(List<Change> changes, long lastVersion, boolean hasMore) {}
}
