package io.syncline.records;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/**
 * The mutation ids that were applied, per actor, so that a retried write is acknowledged again
 * without being applied twice. Used inside the write's transaction, under the feed lock.
 */
@ApplicationScoped
public class Mutations {

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  /** The earlier application of this mutation id by this actor, if there was one. */
  public Optional<WriteOutcome.Replayed> applied(String actor, String mutationId) {
    AppliedMutation applied = em.find(AppliedMutation.class, new MutationKey(actor, mutationId));
    return Optional.ofNullable(applied)
        .map(a -> new WriteOutcome.Replayed(a.entity(), a.entityId(), a.version()));
  }

  /** Remembers that this actor's mutation id was applied at {@code version}. */
  public void record(String actor, String mutationId, String entity, String id, long version) {
    em.persist(new AppliedMutation(actor, mutationId, entity, id, version));
  }
}
