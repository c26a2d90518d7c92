package io.syncline.channel;

import java.util.function.Supplier;

/**
 * Where the change feed stands. Subscribing at a known version needs it: changes are delivered
 * under the same lock, so a subscription made inside {@link #atCurrentVersion} sees every change
 * after {@link #currentVersion()} live, and none before.
 */
public interface FeedPosition {

  /** Runs {@code action} while no change is being delivered. */
  <T> T atCurrentVersion(Supplier<T> action);

  /** The version of the last change delivered. */
  long currentVersion();
}
