package io.syncline.fields;

import io.syncline.channel.ChannelManager;
import io.syncline.protocol.Change;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.RequestIds;
import io.syncline.protocol.WrittenFields;
import io.syncline.security.ChannelPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Sends each committed change's field changes, one {@code field_change} per field it wrote, to
 * {@code fields:{Entity}} and {@code fields:{Entity}:{id}}, in version order with the change's
 * version on each frame. Only subscribers who may read the record get them.
 */
@ApplicationScoped
public class FieldFanOut {

  @Inject private ChannelManager channels;
  @Inject private ChannelPolicy policy;

  void onChange(@Observes Change change) {
    String all = FieldFrames.channel(change.entity());
    String one = FieldFrames.channel(change.entity(), change.entityId());
    if (channels.subscribers(all).isEmpty() && channels.subscribers(one).isEmpty()) {
      return;
    }
    for (WrittenFields.Field field : change.fields().list()) {
      Outbound frame =
          new Outbound(FieldFrames.of(change, field), all, RequestIds.NONE, change.version());
      channels.publish(all, frame, subscriber -> policy.mayRead(subscriber.caller(), change));
      channels.publish(
          one,
          new Outbound(frame.message(), one, RequestIds.NONE, change.version()),
          subscriber -> policy.mayRead(subscriber.caller(), change));
    }
  }
}
