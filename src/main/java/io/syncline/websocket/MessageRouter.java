package io.syncline.websocket;

import io.syncline.change.catchup.FeedReplies;
import io.syncline.channel.ChannelOptions;
import io.syncline.channel.ChannelService;
import io.syncline.channel.Subscriber;
import io.syncline.component.ComponentRooms;
import io.syncline.fields.FieldReplay;
import io.syncline.fields.FieldSync;
import io.syncline.forms.FormValidation;
import io.syncline.presence.PresenceTracker;
import io.syncline.presence.PresenceView;
import io.syncline.protocol.Auth;
import io.syncline.protocol.AuthzCheck;
import io.syncline.protocol.Broadcast;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.ClientMessage;
import io.syncline.protocol.ComponentCursor;
import io.syncline.protocol.ComponentNestedCreate;
import io.syncline.protocol.ComponentNestedDelete;
import io.syncline.protocol.ComponentNestedUpdate;
import io.syncline.protocol.ComponentTyping;
import io.syncline.protocol.ComponentUpdate;
import io.syncline.protocol.ConflictAutoMerge;
import io.syncline.protocol.ConflictResolve;
import io.syncline.protocol.Inbound;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.Ping;
import io.syncline.protocol.Pong;
import io.syncline.protocol.PresenceHeartbeat;
import io.syncline.protocol.PresenceJoin;
import io.syncline.protocol.PresenceLeave;
import io.syncline.protocol.Push;
import io.syncline.protocol.PushAck;
import io.syncline.protocol.PushFields;
import io.syncline.protocol.RecoveryRequest;
import io.syncline.protocol.RequestIds;
import io.syncline.protocol.SchemaGet;
import io.syncline.protocol.ServerMessage;
import io.syncline.protocol.Subscribe;
import io.syncline.protocol.SubscribeFields;
import io.syncline.protocol.Sync;
import io.syncline.protocol.Unsubscribe;
import io.syncline.protocol.Unsubscribed;
import io.syncline.protocol.ValidateField;
import io.syncline.protocol.ValidateForm;
import io.syncline.push.PushOutcome;
import io.syncline.push.PushService;
import io.syncline.schema.registry.SchemaReplies;
import io.syncline.security.AuthorizationCheck;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Hands each decoded client message to the feature that owns it. No rules live here. */
@ApplicationScoped
public class MessageRouter {

  @Inject private ChannelService channels;
  @Inject private PresenceTracker presence;
  @Inject private ComponentRooms components;
  @Inject private AuthorizationCheck authorization;
  @Resource private ManagedScheduledExecutorService scheduler;
  @Inject private FeedReplies feed;
  @Inject private PushService pushes;
  @Inject private SchemaReplies schemas;
  @Inject private FieldSync fields;
  @Inject private FieldReplay fieldReplay;
  @Inject private FormValidation forms;

  /**
   * Throws {@link io.syncline.protocol.ProtocolException} for a refused request. A write ({@code
   * push}, {@code conflict:resolve}) is not waited for: its replies are sent once it commits, and
   * what is returned completes then, or with its refusal. For any other message it returns null.
   */
  CompletableFuture<Void> route(Subscriber connection, Inbound inbound) {
    Route route = new Route(connection, inbound);
    inbound.message().accept(route);
    return route.writing;
  }

  /**
   * One message's routing: a method per client message, each handing it to the feature that owns
   * it. A new message does not compile until it has its method here.
   */
  private final class Route implements ClientMessage.Visitor {

    private final Subscriber connection;
    private final Inbound inbound;
    private final RequestIds ids;
    private CompletableFuture<Void> writing;

    Route(Subscriber connection, Inbound inbound) {
      this.connection = connection;
      this.inbound = inbound;
      this.ids = inbound.ids();
    }

    @Override
    public void visit(Subscribe subscribe) {
      Function<String, ChannelOptions> options =
          subscribe.filters() == null && subscribe.throttle() == null
              ? null
              : channel ->
                  new ChannelOptions(
                      channel,
                      subscribe.filters(),
                      subscribe.throttle() == null ? 0 : subscribe.throttle(),
                      scheduler);
      List<String> rooms = subscribe.targets().stream().filter(MessageRouter::isRoom).toList();
      rooms.forEach(room -> components.checkRoom(connection, room));
      rooms.forEach(room -> presence.expect(connection, room, false));
      rooms.forEach(room -> components.expect(connection, room));
      List<String> subscribed = List.of();
      try {
        subscribed = channels.subscribe(connection, subscribe.targets(), ids, options).channels();
      } finally {
        for (String room : rooms) {
          if (!subscribed.contains(room)) {
            presence.forget(connection, room); // refused, or subscribed before: no join follows
            components.forget(connection, room);
          }
        }
      }
      PresenceView view = PresenceView.of(subscribe.presenceMode());
      for (String channel : subscribed) {
        if (isRoom(channel)) {
          presence.join(
              connection,
              channel,
              false,
              null,
              null,
              view,
              sync -> connection.send(Outbound.reply(sync, channel, ids)));
          components.joined(
              connection, channel, state -> connection.send(Outbound.reply(state, channel, ids)));
        } else {
          ChannelName name = ChannelName.parse(channel);
          if (name.kind() == ChannelName.Kind.PRESENCE) {
            presence.watch(connection, name.id(), view);
          }
        }
        schemas.catchUp(connection, channel, subscribe.version(), ids);
      }
    }

    @Override
    public void visit(Unsubscribe unsubscribe) {
      for (String channel : channels.unsubscribe(connection, unsubscribe.targets())) {
        if (isRoom(channel)) {
          presence.leave(connection, channel);
        }
        connection.send(Outbound.reply(new Unsubscribed(channel), channel, ids));
      }
    }

    @Override
    public void visit(PresenceJoin join) {
      String channel = ChannelName.presence(join.resource());
      presence.expect(connection, join.resource(), true);
      try {
        channels.subscribe(connection, List.of(channel), ids);
      } catch (RuntimeException refused) {
        presence.forget(connection, join.resource());
        throw refused;
      }
      presence.join(
          connection,
          join.resource(),
          true,
          join.name(),
          join.metadata(),
          PresenceView.of(join.presenceMode()),
          sync -> connection.send(Outbound.reply(sync, channel, ids)));
    }

    @Override
    public void visit(PresenceLeave leave) {
      presence.leave(connection, leave.resource());
      for (String channel :
          channels.unsubscribe(connection, List.of(ChannelName.presence(leave.resource())))) {
        connection.send(Outbound.reply(new Unsubscribed(channel), channel, ids));
      }
    }

    @Override
    public void visit(PresenceHeartbeat heartbeat) {
      presence.heartbeat(connection, heartbeat.resource());
    }

    @Override
    public void visit(Ping ping) {
      connection.send(Outbound.reply(pong(ping, inbound.timestamp()), ids));
    }

    @Override
    public void visit(Broadcast broadcast) {
      channels.relay(connection, broadcast.channel(), broadcast.event(), broadcast.data());
    }

    @Override
    public void visit(Sync sync) {
      feed.sync(connection, sync, ids, fieldReplay.alongside(connection, ids));
    }

    @Override
    public void visit(RecoveryRequest recovery) {
      feed.recover(connection, recovery, ids);
    }

    @Override
    public void visit(Push push) {
      writing =
          pushes
              .push(connection.userId(), push)
              .thenAccept(outcome -> reply(connection, ids, outcome));
    }

    @Override
    public void visit(ConflictResolve resolve) {
      writing =
          pushes
              .resolve(connection.userId(), resolve)
              .thenAccept(outcome -> reply(connection, ids, outcome));
    }

    /**
     * {@link ConnectionHandler} answers {@code auth} itself, before routing; it never gets here.
     */
    @Override
    public void visit(Auth auth) {}

    @Override
    public void visit(SchemaGet get) {
      schemas.get(connection, get, ids);
    }

    @Override
    public void visit(SubscribeFields subscribe) {
      fields.subscribe(connection, subscribe, ids);
    }

    @Override
    public void visit(PushFields push) {
      fields.push(connection, push, ids);
    }

    @Override
    public void visit(ValidateField validate) {
      connection.send(
          Outbound.reply(
              forms.field(validate.form(), validate.field(), validate.value(), connection.locale()),
              ids));
    }

    @Override
    public void visit(ComponentUpdate update) {
      components.update(connection, update);
    }

    @Override
    public void visit(ComponentNestedUpdate update) {
      components.updateNested(connection, update);
    }

    @Override
    public void visit(ComponentNestedCreate create) {
      components.create(connection, create);
    }

    @Override
    public void visit(ComponentNestedDelete delete) {
      components.delete(connection, delete);
    }

    @Override
    public void visit(ComponentTyping typing) {
      components.typing(connection, typing);
    }

    @Override
    public void visit(ComponentCursor cursor) {
      components.cursor(connection, cursor);
    }

    @Override
    public void visit(AuthzCheck check) {
      connection.send(Outbound.reply(authorization.check(connection.caller(), check), ids));
    }

    @Override
    public void visit(ValidateForm validate) {
      connection.send(
          Outbound.reply(forms.form(validate.form(), validate.fields(), connection.locale()), ids));
    }
  }

  /**
   * Queues a write's replies for a writer thread: they are sent from the thread that committed the
   * write, which goes on with the next batch, and a connection's replies from one batch go out
   * packed.
   */
  private static void reply(Subscriber connection, RequestIds ids, PushOutcome outcome) {
    Long committed = null;
    for (ServerMessage message : outcome.replies()) {
      if (message instanceof PushAck ack) {
        committed = ack.version();
      }
    }
    for (ServerMessage message : outcome.replies()) {
      // the ack and an auto-merge report the same committed change: both carry its version
      Long version =
          message instanceof PushAck || message instanceof ConflictAutoMerge ? committed : null;
      connection.sendQueued(new Outbound(message, null, ids, version));
    }
  }

  /** {@code component:} channels are rooms: subscribing is being present in them (seed 001). */
  private static boolean isRoom(String channel) {
    return ChannelName.isOfKind(channel, ChannelName.Kind.COMPONENT);
  }

  private static Pong pong(Ping ping, Long clientTimestamp) {
    Long latency =
        clientTimestamp == null ? null : Math.max(0, System.currentTimeMillis() - clientTimestamp);
    return new Pong(ping.sequenceNumber(), latency);
  }
}
