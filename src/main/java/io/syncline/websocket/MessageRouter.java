package io.syncline.websocket;

import io.syncline.channel.ChannelService;
import io.syncline.channel.Subscriber;
import io.syncline.protocol.Broadcast;
import io.syncline.protocol.ClientMessage;
import io.syncline.protocol.Inbound;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.Ping;
import io.syncline.protocol.Pong;
import io.syncline.protocol.RequestIds;
import io.syncline.protocol.Subscribe;
import io.syncline.protocol.Subscribed;
import io.syncline.protocol.Unsubscribe;
import io.syncline.protocol.Unsubscribed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Hands each decoded client message to the feature that owns it. No rules live here. */
@ApplicationScoped
public class MessageRouter {

  @Inject private ChannelService channels;

  /** Throws {@link io.syncline.protocol.ProtocolException} for a refused request. */
  void route(Subscriber connection, Inbound inbound) {
    ClientMessage message = inbound.message();
    RequestIds ids = inbound.ids();
    if (message instanceof Subscribe subscribe) {
      for (String channel : channels.subscribe(connection, subscribe.targets())) {
        connection.send(Outbound.reply(new Subscribed(channel), channel, ids));
      }
    } else if (message instanceof Unsubscribe unsubscribe) {
      for (String channel : channels.unsubscribe(connection, unsubscribe.targets())) {
        connection.send(Outbound.reply(new Unsubscribed(channel), channel, ids));
      }
    } else if (message instanceof Ping ping) {
      connection.send(Outbound.reply(pong(ping, inbound.timestamp()), ids));
    } else if (message instanceof Broadcast broadcast) {
      channels.relay(connection, broadcast.channel(), broadcast.event(), broadcast.data());
    }
  }

  private static Pong pong(Ping ping, Long clientTimestamp) {
    Long latency =
        clientTimestamp == null ? null : Math.max(0, System.currentTimeMillis() - clientTimestamp);
    return new Pong(ping.sequenceNumber(), latency);
  }
}
