package io.syncline.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Picks the store for an entity name: an application's own, else the generic store. */
@ApplicationScoped
public class EntityStores {

  @Inject private Instance<EntityStore> stores;
  @Inject private RecordStore generic;

  public EntityStore forEntity(String entity) {
    for (EntityStore store : stores) {
      if (!(store instanceof RecordStore) && store.handles(entity)) {
        return store;
      }
    }
    return generic;
  }
}
