package io.syncline.schema.registry;

import io.syncline.channel.ChannelManager;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.ProtocolException;
import io.syncline.schema.SchemaVersion;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends {@code schema:update} to {@code schema:{app}} once the version's transaction has committed,
 * never before and never on rollback. Writers of one app take turns here for their whole
 * transaction, so this node broadcasts an app's versions in version order.
 */
@ApplicationScoped
public class SchemaBroadcast {

  private static final long TURN_WAIT_SECONDS = 30;

  @Inject private ChannelManager channels;
  @Resource private TransactionSynchronizationRegistry transactions;

  private final Map<String, Semaphore> turns = new ConcurrentHashMap<>();

  /**
   * Waits for the app's turn and keeps it until the current transaction ends; then, if it
   * committed, publishes what {@link #onCommit} was given.
   */
  void takeTurn(String app) {
    if (transactions.getResource(key(app)) != null) {
      return; // this transaction has the turn already
    }
    Semaphore turn = turns.computeIfAbsent(app, name -> new Semaphore(1));
    try {
      if (!turn.tryAcquire(TURN_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new ProtocolException(
            ErrorCode.INTERNAL, "another change to the schema of " + app + " is taking too long");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProtocolException(ErrorCode.INTERNAL, "interrupted while waiting to write");
    }
    AtomicReference<SchemaVersion> committed = new AtomicReference<>();
    transactions.putResource(key(app), committed);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            try {
              if (status == Status.STATUS_COMMITTED && committed.get() != null) {
                publish(committed.get());
              }
            } finally {
              turn.release();
            }
          }
        });
  }

  /** The version this transaction stores, to publish after it commits. */
  @SuppressWarnings("unchecked")
  void onCommit(SchemaVersion version) {
    ((AtomicReference<SchemaVersion>) transactions.getResource(key(version.app()))).set(version);
  }

  private void publish(SchemaVersion version) {
    String channel = ChannelName.schema(version.app());
    channels.publishEverywhere(
        channel, Outbound.onChannel(channel, version.update()), subscriber -> true);
  }

  private static String key(String app) {
    return SchemaBroadcast.class.getName() + "/" + app;
  }
}
