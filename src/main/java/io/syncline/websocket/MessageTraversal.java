package io.syncline.websocket;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Bean Validation's traversal rule for decoded frames: every property is reachable and cascadable.
 * A message is a record just bound from JSON, never a JPA entity, so there is nothing lazy to leave
 * unloaded. The default rule asks the persistence provider ({@code PersistenceUtil.isLoaded}) about
 * every constrained or cascaded property of every frame. On WildFly what those calls cached
 * (Hibernate's {@code PersistenceUtilHelper} caches, held through {@code ClassValue} entries)
 * stayed on the heap after a full GC: about 2.7 KB per idle connection that had sent one frame, in
 * class histograms of 19,133 of them.
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
