package io.syncline.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The durable timestamps of records' fields, beside the record stores ({@link FieldStamp}). The
 * write path stamps the fields each change writes; the field feed asks which fields a change
 * stamped. The last few thousand changes are also kept in memory, so that the feed can answer while
 * it delivers a commit, where the database may not be used.
 */
@ApplicationScoped
public class FieldStamps {

  /** When a field was written ({@code timestamp}, epoch ms), by which change, and if unset. */
  public record Stamp(String field, long timestamp, boolean unset, long version) {}

  private record Written(String entity, String id, List<Stamp> stamps) {}

  private static final int RECENT = 4096;

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  @Resource private TransactionSynchronizationRegistry transactions;

  private final Map<Long, Written> recent =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Written> eldest) {
          return size() > RECENT;
        }
      };

  /** The record's stamps by field name, read in the caller's transaction. */
  public Map<String, Stamp> of(String entity, String id) {
    return rows(entity, id).values().stream()
        .map(FieldStamp::stamp)
        .collect(Collectors.toMap(Stamp::field, Function.identity()));
  }

  /**
   * Stamps fields of a record in the caller's transaction, which holds the feed lock. Each stamp
   * carries the version of the change that wrote it.
   */
  public void write(String entity, String id, long version, List<Stamp> stamps) {
    Map<String, FieldStamp> rows = stamps.isEmpty() ? Map.of() : rows(entity, id);
    for (Stamp stamp : stamps) {
      FieldStamp row = rows.get(stamp.field());
      if (row == null) {
        row = new FieldStamp(entity, id, stamp.field());
        em.persist(row);
      }
      row.write(stamp);
    }
    remember(version, new Written(entity, id, List.copyOf(stamps)));
  }

  /** The fields the change at {@code version} stamped, if it is recent enough to be in memory. */
  public Optional<List<Stamp>> recent(String entity, String id, long version) {
    Written written;
    synchronized (recent) {
      written = recent.get(version);
    }
    return written != null && written.entity().equals(entity) && written.id().equals(id)
        ? Optional.of(written.stamps())
        : Optional.empty();
  }

  /**
   * The fields the change at {@code version} stamped, from memory or else from the database, where
   * a field written again later carries the later version instead (its newer value supersedes).
   */
  @Transactional
  public List<Stamp> at(String entity, String id, long version) {
    return recent(entity, id, version)
        .orElseGet(
            () ->
                em
                    .createNamedQuery(FieldStamp.AT_VERSION, FieldStamp.class)
                    .setParameter("entity", entity)
                    .setParameter("id", id)
                    .setParameter("version", version)
                    .getResultList()
                    .stream()
                    .map(FieldStamp::stamp)
                    .toList());
  }

  private Map<String, FieldStamp> rows(String entity, String id) {
    return em
        .createNamedQuery(FieldStamp.OF_RECORD, FieldStamp.class)
        .setParameter("entity", entity)
        .setParameter("id", id)
        .getResultList()
        .stream()
        .collect(Collectors.toMap(FieldStamp::field, Function.identity()));
  }

  /** Kept once the transaction commits; forgotten if it rolls back (its version is reused). */
  private void remember(long version, Written written) {
    synchronized (recent) {
      recent.put(version, written);
    }
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
              synchronized (recent) {
                recent.remove(version, written);
              }
            }
          }
        });
  }
}
