package io.syncline.fields;

import io.syncline.channel.ChannelManager;
import io.syncline.protocol.Change;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.RequestIds;
import io.syncline.security.ChannelPolicy;
import io.syncline.store.FieldStamps;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.logging.Logger;

/**
 * Sends each committed change's field changes, one {@code field_change} per field it stamped, to
 * {@code fields:{Entity}} and {@code fields:{Entity}:{id}}, in version order with the change's
 * version on each frame. Only subscribers who may read the record get them.
 */
@ApplicationScoped
public class FieldFanOut {

  private static final Logger LOG = Logger.getLogger(FieldFanOut.class.getName());

  @Inject private ChannelManager channels;
  @Inject private ChannelPolicy policy;
  @Inject private FieldStamps stamps;
  @Resource private TransactionSynchronizationRegistry transactions;

  void onChange(@Observes Change change) {
    String all = FieldFrames.channel(change.entity());
    String one = FieldFrames.channel(change.entity(), change.entityId());
    if (channels.subscribers(all).isEmpty() && channels.subscribers(one).isEmpty()) {
      return;
    }
    for (FieldStamps.Stamp stamp : stamped(change)) {
      Outbound frame =
          new Outbound(FieldFrames.of(change, stamp), all, RequestIds.NONE, change.version());
      channels.publish(all, frame, subscriber -> policy.mayRead(subscriber.caller(), change));
      channels.publish(
          one,
          new Outbound(frame.message(), one, RequestIds.NONE, change.version()),
          subscriber -> policy.mayRead(subscriber.caller(), change));
    }
  }

  /**
   * The fields the change stamped. A change written here is delivered as its transaction commits,
   * when the database may not be used, and is found in memory; one committed elsewhere (another
   * node) is delivered by the sequencer's own thread, which may read the stamps back.
   */
  private List<FieldStamps.Stamp> stamped(Change change) {
    return stamps
        .recent(change.entity(), change.entityId(), change.version())
        .orElseGet(
            () -> {
              if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
                LOG.fine(() -> "No field stamps known for version " + change.version());
                return List.of();
              }
              return stamps.at(change.entity(), change.entityId(), change.version());
            });
  }
}
