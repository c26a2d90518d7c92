package io.syncline.schema.registry;

import io.syncline.channel.Subscriber;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.RequestIds;
import io.syncline.protocol.SchemaGet;
import io.syncline.schema.SchemaRefusal;
import io.syncline.schema.SchemaVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Answers schema requests on a socket: {@code schema:get}, and a subscriber's catch-up. */
@ApplicationScoped
public class SchemaReplies {

  @Inject private SchemaRegistry registry;

  /**
   * Sends the version asked for (the latest if none) as {@code schema:update}.
   *
   * @throws SchemaRefusal {@code not_found} for an unknown app or version
   */
  public void get(Subscriber connection, SchemaGet get, RequestIds ids) {
    SchemaVersion version =
        (get.version() == null
                ? registry.latest(get.app())
                : registry.version(get.app(), get.version()))
            .orElseThrow(
                () ->
                    SchemaRefusal.notFound(
                        get.version() == null
                            ? "no schema for " + get.app()
                            : "no version " + get.version() + " of the schema of " + get.app()));
    connection.send(Outbound.reply(version.update(), channel(get.app()), ids));
  }

  /**
   * After a subscription to {@code channel}: when it is a {@code schema:} channel and the client
   * holds {@code version}, sends the app's latest if that is newer.
   */
  public void catchUp(Subscriber connection, String channel, Long version, RequestIds ids) {
    if (version == null || !ChannelName.isOfKind(channel, ChannelName.Kind.SCHEMA)) {
      return;
    }
    registry
        .latest(ChannelName.parse(channel).id())
        .filter(latest -> latest.version() > version)
        .ifPresent(latest -> connection.send(Outbound.reply(latest.update(), channel, ids)));
  }

  private static String channel(String app) {
    return ChannelName.schema(app);
  }
}
