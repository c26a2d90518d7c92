package io.syncline.change;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates the version counter row the first time it is needed, in a transaction of its own (the
 * tables only exist once the persistence unit has been deployed, after the application starts).
 */
@ApplicationScoped
public class CounterRow {

  private static final Logger LOG = Logger.getLogger(CounterRow.class.getName());

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void create() {
    try {
      if (em.find(VersionCounter.class, VersionCounter.ID) == null) {
        em.persist(new VersionCounter(VersionCounter.ID));
        em.flush();
      }
    } catch (PersistenceException e) {
      LOG.log(Level.FINE, "Another writer created the counter row first", e);
    }
  }
}
