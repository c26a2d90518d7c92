package io.syncline.websocket;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Bean Validation's traversal rule for decoded frames: every property is reachable and cascadable.
 * A message is a record just bound from JSON, never a JPA entity, so there is nothing lazy to leave
 * unloaded. The default rule asks the persistence provider ({@code PersistenceUtil.isLoaded}) about
 * every property of every frame; on WildFly that call makes a new Hibernate provider each time,
 * whose per-class caches stayed on the heap after a full GC (about 800 bytes per frame received, in
 * a class histogram of 19,133 idle connections).
 */
final class MessageTraversal implements TraversableResolver {

  @Override
  public boolean isReachable(
      Object traversableObject,
      Path.Node traversableProperty,
      Class<?> rootBeanType,
      Path pathToTraversableObject,
      ElementType elementType) {
    return true;
  }

  @Override
  public boolean isCascadable(
      Object traversableObject,
      Path.Node traversableProperty,
      Class<?> rootBeanType,
      Path pathToTraversableObject,
      ElementType elementType) {
    return true;
  }
}
