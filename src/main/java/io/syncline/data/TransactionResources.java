package io.syncline.data;

import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Supplier;

/**
 * What a bean keeps for the length of one transaction, in the container's transaction registry:
 * made at its first use in a transaction and gone with it.
 */
public final class TransactionResources {

  private TransactionResources() {}

  /**
   * The value the current transaction keeps under {@code key}, made by {@code made} at its first
   * use there; null outside a transaction (or without a registry, as in tests).
   */
  @SuppressWarnings("unchecked")
  public static <T> T of(
      TransactionSynchronizationRegistry registry, Object key, Supplier<T> made) {
    if (registry == null || registry.getTransactionKey() == null) {
      return null;
    }
    Object value = registry.getResource(key);
    if (value == null) {
      value = made.get();
      registry.putResource(key, value);
    }
    return (T) value;
  }
}
