package io.syncline.change.pruning;

import io.syncline.change.log.ChangeLog;
import io.syncline.change.log.VersionCounter;
import io.syncline.protocol.JsonFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Removes old changes from the log and remembers how far, so catch-up can refuse the gap. */
@ApplicationScoped
public class ChangePruner {

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  @Inject private ChangeLog changeLog;

  @Transactional
  public JsonObject pruneThrough(long version) {
    changeLog.lockFeed();
    VersionCounter counter =
        em.find(VersionCounter.class, VersionCounter.ID, LockModeType.PESSIMISTIC_WRITE);
    long through = Math.min(version, counter.value());
    int removed = 0;
    if (through > counter.prunedThrough()) {
      removed =
          em.createQuery("DELETE FROM ChangeRow c WHERE c.version <= :through")
              .setParameter("through", through)
              .executeUpdate();
      counter.prunedThrough(through);
    }
    return JsonFactory.JSON
        .createObjectBuilder()
        .add("prunedThrough", counter.prunedThrough())
        .add("removed", removed)
        .build();
  }
}
