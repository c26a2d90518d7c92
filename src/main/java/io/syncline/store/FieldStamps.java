package io.syncline.store;

import io.syncline.data.TransactionResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The durable timestamps of records' fields, beside the record stores ({@link FieldStamp}): the
 * write path stamps the fields each change writes, and field pushes are judged against them. (Which
 * fields one change wrote is stored with the change: {@link io.syncline.protocol.WrittenFields}.)
 *
 * <p>Within a transaction, the stamps of a record are read once (or {@linkplain #readAhead read
 * ahead} for a batch of writes) and kept as this transaction writes them, so that the writes of a
 * batch need neither a query each nor a flush of the rows the writes before them stamped.
 */
@ApplicationScoped
public class FieldStamps {

  /** When a field was written ({@code timestamp}, epoch ms), by which change, and if unset. */
  public record Stamp(String field, long timestamp, boolean unset, long version) {}

  private static final Object KNOWN = FieldStamps.class.getName() + ".known";

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  @Resource private TransactionSynchronizationRegistry transactions;

  /** The record's stamps by field name, read in the caller's transaction. */
  public Map<String, Stamp> of(String entity, String id) {
    return Map.copyOf(stamps(entity, id));
  }

  /**
   * Stamps fields of a record in the caller's transaction, which holds the feed lock. Each stamp
   * carries the version of the change that wrote it.
   */
  public void write(String entity, String id, List<Stamp> stamps) {
    if (stamps.isEmpty()) {
      return;
    }
    Map<String, Stamp> current = stamps(entity, id);
    for (Stamp stamp : stamps) {
      FieldStamp row =
          current.containsKey(stamp.field())
              ? em.find(FieldStamp.class, new FieldStampKey(entity, id, stamp.field()))
              : null;
      if (row == null) {
        row = new FieldStamp(entity, id, stamp.field());
        em.persist(row);
      }
      row.write(stamp);
      current.put(stamp.field(), stamp);
    }
  }

  /**
   * Reads the stamps of these records with one query, for the rest of this transaction: its writes
   * of them then need no query each (and their rows are in the persistence context already).
   */
  public void readAhead(String entity, Collection<String> ids) {
    Map<RecordKey, Map<String, Stamp>> known = known();
    if (known == null || ids.isEmpty()) {
      return;
    }
    Map<String, Map<String, Stamp>> read =
        em
            .createNamedQuery(FieldStamp.OF_RECORDS, FieldStamp.class)
            .setParameter("entity", entity)
            .setParameter("ids", List.copyOf(ids))
            .getResultList()
            .stream()
            .collect(
                Collectors.groupingBy(
                    FieldStamp::id,
                    Collectors.mapping(
                        FieldStamp::stamp, Collectors.toMap(Stamp::field, Function.identity()))));
    for (String id : ids) {
      known.putIfAbsent(new RecordKey(entity, id), new HashMap<>(read.getOrDefault(id, Map.of())));
    }
  }

  /**
   * The record's stamps as this transaction knows them, by field: read ahead, or read now. Within a
   * transaction the query need not flush first: rows it stamped are known already.
   */
  private Map<String, Stamp> stamps(String entity, String id) {
    Map<RecordKey, Map<String, Stamp>> known = known();
    if (known == null) {
      return read(entity, id, FlushModeType.AUTO);
    }
    return known.computeIfAbsent(
        new RecordKey(entity, id), key -> read(entity, id, FlushModeType.COMMIT));
  }

  private Map<String, Stamp> read(String entity, String id, FlushModeType flush) {
    return em
        .createNamedQuery(FieldStamp.OF_RECORD, FieldStamp.class)
        .setParameter("entity", entity)
        .setParameter("id", id)
        .setFlushMode(flush)
        .getResultList()
        .stream()
        .map(FieldStamp::stamp)
        .collect(Collectors.toMap(Stamp::field, Function.identity(), (a, b) -> a, HashMap::new));
  }

  /** The stamps this transaction knows, by record (null outside a transaction). */
  private Map<RecordKey, Map<String, Stamp>> known() {
    return TransactionResources.of(transactions, KNOWN, HashMap::new);
  }
}
