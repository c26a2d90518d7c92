package io.syncline.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The durable timestamps of records' fields, beside the record stores ({@link FieldStamp}): the
 * write path stamps the fields each change writes, and field pushes are judged against them. (Which
 * fields one change wrote is stored with the change: {@link io.syncline.protocol.WrittenFields}.)
 */
@ApplicationScoped
public class FieldStamps {

  /** When a field was written ({@code timestamp}, epoch ms), by which change, and if unset. */
  public record Stamp(String field, long timestamp, boolean unset, long version) {}

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

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
  public void write(String entity, String id, List<Stamp> stamps) {
    Map<String, FieldStamp> rows = stamps.isEmpty() ? Map.of() : rows(entity, id);
    for (Stamp stamp : stamps) {
      FieldStamp row = rows.get(stamp.field());
      if (row == null) {
        row = new FieldStamp(entity, id, stamp.field());
        em.persist(row);
      }
      row.write(stamp);
    }
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
}
