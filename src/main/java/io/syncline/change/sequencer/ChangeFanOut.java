package io.syncline.change.sequencer;

import io.syncline.channel.ChannelManager;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.EntityChangeFrame;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.RequestIds;
import io.syncline.security.ChannelPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Sends each committed change to {@code entity:{Entity}} and {@code entity:{Entity}:{id}}, with the
 * change's version on the frame.
 */
@ApplicationScoped
public class ChangeFanOut {

  @Inject private ChannelManager channels;
  @Inject private ChannelPolicy policy;

  void onChange(@Observes Change change) {
    EntityChangeFrame message = new EntityChangeFrame(change);
    publish(ChannelName.entity(change.entity()), message, change);
    publish(ChannelName.entity(change.entity(), change.entityId()), message, change);
  }

  /** Only to subscribers who may see this record (its owner, where records have one). */
  private void publish(String channel, EntityChangeFrame message, Change change) {
    channels.publish(
        channel,
        new Outbound(message, channel, RequestIds.NONE, change.version()),
        subscriber -> policy.mayRead(subscriber.caller(), change));
  }
}
