package io.syncline.fields;

import io.syncline.channel.ChannelManager;
import io.syncline.channel.Subscriber;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Function;

/**
 * Field changes in catch-up: a connection subscribed to an entity's fields gets, after each {@code
 * change} a {@code sync} replays, that change's {@code field_change}s.
 */
@ApplicationScoped
public class FieldReplay {

  @Inject private ChannelManager channels;

  /**
   * What a catch-up sends this connection after each change: its field changes if the connection
   * follows any entity's fields, nothing otherwise (checked once for the page, not per change).
   */
  public Function<Change, List<Outbound>> alongside(Subscriber connection, RequestIds ids) {
    boolean followsFields =
        channels.channelsOf(connection).stream()
            .anyMatch(channel -> ChannelName.isOfKind(channel, ChannelName.Kind.FIELDS));
    return followsFields ? change -> replay(connection, change, ids) : change -> List.of();
  }

  /** The field changes of {@code change} for this connection: none unless it follows them. */
  public List<Outbound> replay(Subscriber connection, Change change, RequestIds ids) {
    String all = FieldFrames.channel(change.entity());
    if (!channels.isSubscribed(connection, all)
        && !channels.isSubscribed(
            connection, FieldFrames.channel(change.entity(), change.entityId()))) {
      return List.of();
    }
    return change.fields().list().stream()
        .map(field -> new Outbound(FieldFrames.of(change, field), all, ids, change.version()))
        .toList();
  }
}
