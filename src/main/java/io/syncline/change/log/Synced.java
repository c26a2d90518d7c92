package io.syncline.change.log;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JPA entity whose changes join the feed; put
 * {@code @EntityListeners(SyncedEntityListener.class)} beside it. The feed's entity name is {@link
 * #value()}, or the class's simple name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Synced {
  String value() default "";
}
