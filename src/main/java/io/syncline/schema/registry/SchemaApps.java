package io.syncline.schema.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Creates an app's row the first time it is needed, in a transaction of its own. */
@ApplicationScoped
public class SchemaApps {

  @PersistenceContext(unitName = "syncline")
  private EntityManager em;

  /**
   * Inserts the row unless it is there; throws if another writer inserted it at the same moment
   * (the caller then finds it).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void create(String app) {
    if (em.find(SchemaApp.class, app) == null) {
      em.persist(new SchemaApp(app));
      em.flush();
    }
  }
}
