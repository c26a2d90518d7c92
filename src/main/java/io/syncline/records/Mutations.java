package io.syncline.records;

import io.syncline.data.TransactionResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The mutation ids that were applied, per actor, so that a retried write is acknowledged again
 * without being applied twice. Used inside the write's transaction, under the feed lock.
 */
@ApplicationScoped
public class Mutations {

  private static final Object KNOWN = Mutations.class.getName() + ".known";

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  @Resource private TransactionSynchronizationRegistry transactions;

  /** The earlier application of this mutation id by this actor, if there was one. */
  public Optional<WriteOutcome.Replayed> applied(String actor, String mutationId) {
    MutationKey key = new MutationKey(actor, mutationId);
    Map<MutationKey, Optional<WriteOutcome.Replayed>> known = known();
    if (known != null && known.containsKey(key)) {
      return known.get(key);
    }
    return Optional.ofNullable(em.find(AppliedMutation.class, key)).map(AppliedMutation::replayed);
  }

  /** Remembers that this actor's mutation id was applied at {@code version}. */
  public void record(String actor, String mutationId, String entity, String id, long version) {
    AppliedMutation applied = new AppliedMutation(actor, mutationId, entity, id, version);
    em.persist(applied);
    Map<MutationKey, Optional<WriteOutcome.Replayed>> known = known();
    if (known != null) {
      known.put(new MutationKey(actor, mutationId), Optional.of(applied.replayed()));
    }
  }

  /**
   * Reads whether these mutation ids were applied, with one query per actor (each an index range of
   * the primary key), for the look-ups of the rest of this transaction ({@link #applied}), which
   * then need none each.
   */
  public void readAhead(Collection<MutationKey> keys) {
    Map<MutationKey, Optional<WriteOutcome.Replayed>> known = known();
    if (known == null || keys.isEmpty()) {
      return;
    }
    Map<String, List<String>> idsByActor =
        keys.stream()
            .distinct()
            .collect(
                Collectors.groupingBy(
                    MutationKey::actor,
                    Collectors.mapping(MutationKey::mutationId, Collectors.toList())));
    Map<MutationKey, AppliedMutation> found = new HashMap<>();
    idsByActor.forEach(
        (actor, ids) ->
            em.createNamedQuery(AppliedMutation.OF_ACTOR, AppliedMutation.class)
                .setParameter("actor", actor)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(applied -> found.put(applied.key(), applied)));
    for (MutationKey key : keys) {
      known.putIfAbsent(key, Optional.ofNullable(found.get(key)).map(AppliedMutation::replayed));
    }
  }

  /** What this transaction knows of mutation ids (null outside a transaction). */
  private Map<MutationKey, Optional<WriteOutcome.Replayed>> known() {
    return TransactionResources.of(transactions, KNOWN, HashMap::new);
  }
}
