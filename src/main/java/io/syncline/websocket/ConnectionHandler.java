package io.syncline.websocket;

import io.syncline.channel.ChannelService;
import io.syncline.channel.ClusterBus;
import io.syncline.channel.SendWriters;
import io.syncline.channel.Subscriber;
import io.syncline.channel.Transport;
import io.syncline.config.SynclineConfig;
import io.syncline.ops.connections.LiveConnections;
import io.syncline.presence.PresenceTracker;
import io.syncline.protocol.Auth;
import io.syncline.protocol.CloseCode;
import io.syncline.protocol.ConnectionEstablished;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ErrorMessage;
import io.syncline.protocol.FrameException;
import io.syncline.protocol.Inbound;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.Ping;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.Push;
import io.syncline.protocol.RateLimit;
import io.syncline.protocol.RateLimitedException;
import io.syncline.protocol.RequestIds;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of one socket connection, shared by every endpoint: origin and token at open, the {@code
 * auth} frame, frame size and JSON caps, the message rate, decoding, error replies and close. What
 * a message means is the {@link MessageRouter}'s business.
 */
@ApplicationScoped
public class ConnectionHandler {

  private static final Logger LOG = Logger.getLogger(ConnectionHandler.class.getName());

  @Inject private ChannelService channels;
  @Inject private MessageRouter router;
  @Inject private SynclineConfig config;
  @Inject private SocketAuthentication authentication;
  @Inject private ActorContext actors;
  @Inject private PresenceTracker presence;
  @Inject private SendWriters writers;
  @Inject private LiveConnections live;
  @Inject private ClusterBus bus;
  @Resource private ManagedExecutorService executor;

  /** A frame sent to other nodes is encoded once in every dialect, for their subscribers. */
  void nameDialects(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    bus.dialects(Arrays.stream(Dialect.values()).map(Dialect::encoder).toList());
  }

  void open(Session session, EndpointProfile profile) {
    Dialect dialect = Dialect.requested(session, profile.defaultDialect());
    // Frames a little over the limit still get a too_large reply; far larger ones are cut off by
    // the container with the same close code.
    session.setMaxTextMessageBufferSize(config.maxMessageBytes());
    session.setMaxBinaryMessageBufferSize(config.maxMessageBytes());
    Map<String, Object> properties = session.getUserProperties();
    if (properties.containsKey(HandshakeConfigurator.FOREIGN_ORIGIN)) {
      LOG.warning(
          () ->
              "Refused a socket from origin "
                  + properties.get(HandshakeConfigurator.FOREIGN_ORIGIN));
      refuseAtOpen(session, dialect, null, "origin not allowed");
      return;
    }
    Caller caller;
    try {
      caller = authentication.atOpen((String) properties.remove(HandshakeConfigurator.TOKEN));
    } catch (ProtocolException refused) {
      refuseAtOpen(session, dialect, refused, "unauthenticated");
      return;
    }
    start(
        caller,
        dialect,
        profile,
        SessionTransport.of(session, executor, config.sendHandOver(), config.sendWindowChars()),
        (Locale) properties.get(HandshakeConfigurator.LOCALE),
        profile.channelsOnOpen(session),
        profile.name(),
        socket -> socket.attachTo(session));
  }

  /**
   * Opens a connection over a transport other than a socket (long-poll), as a socket opens: the
   * token checked as the handshake's is, then {@code connection:established} queued on {@code
   * transport}, the personal room, or the deadline for {@code auth}. It speaks the unified
   * endpoint's messages.
   *
   * @throws ProtocolException {@code unauthenticated} for a token that does not verify
   */
  public Connection open(Transport transport, String token, String dialect, Locale locale) {
    // a refusal is counted where it becomes the HTTP answer
    Caller caller = authentication.atOpen(token);
    EndpointProfile profile = EndpointProfile.UNIFIED;
    return start(
        caller,
        Dialect.named(dialect, profile.defaultDialect()),
        profile,
        transport,
        locale,
        List.of(),
        "longpoll",
        socket -> {});
  }

  private Connection start(
      Caller caller,
      Dialect dialect,
      EndpointProfile profile,
      Transport transport,
      Locale locale,
      List<String> onOpen,
      String endpointName,
      Consumer<Connection> attach) {
    Subscriber connection =
        new Subscriber(
            UUID.randomUUID().toString(),
            caller,
            dialect.encoder(),
            transport,
            config.sendQueueFrames(),
            writers.executor());
    connection.locale(locale);
    Connection socket = new Connection(connection, dialect, profile, new ConnectionGuard(config));
    attach.accept(socket);
    channels.connected(connection);
    live.opened(connection, endpointName, dialect.name());
    connection.send(
        Outbound.of(
            new ConnectionEstablished(
                connection.id(),
                connection.userId(),
                config.heartbeatIntervalMs(),
                config.maxFrameBytes(),
                SynclineConfig.PROTOCOL_VERSION)));
    authentication.opened(connection);
    if (connection.authenticated()) {
      subscribeOnOpen(connection, onOpen);
    } else if (!onOpen.isEmpty()) {
      socket.subscribeOnAuth(onOpen);
    }
    return socket;
  }

  /** The channels the endpoint subscribes on open; refused names are reported, not fatal. */
  private void subscribeOnOpen(Subscriber connection, List<String> channelNames) {
    if (channelNames.isEmpty()) {
      return;
    }
    try {
      channels.subscribe(connection, channelNames, RequestIds.NONE);
    } catch (ProtocolException refused) {
      connection.send(error(refused, RequestIds.NONE));
    }
  }

  void receive(Session session, String text) {
    Connection socket = Connection.of(session);
    if (socket != null) {
      receive(socket, text);
    }
  }

  private void closeTooLarge(Subscriber connection) {
    connection.closeWith(
        new ProtocolException(
            ErrorCode.TOO_LARGE, "frames are at most " + config.maxFrameBytes() + " bytes"),
        RequestIds.NONE,
        CloseCode.TOO_LARGE);
  }

  /**
   * A binary frame: the protocol's frames are JSON text, so it is a bad frame like any other,
   * answered {@code bad_message} (and counted toward the abuse limit); one over the size limit
   * closes as a text frame would.
   */
  void receiveBinary(Session session, int bytes) {
    Connection socket = Connection.of(session);
    if (socket == null) {
      return;
    }
    Subscriber connection = socket.subscriber();
    connection.touch();
    if (bytes > config.maxFrameBytes()) {
      closeTooLarge(connection);
      return;
    }
    ProtocolException binary =
        new ProtocolException(
            ErrorCode.BAD_MESSAGE, "frames are JSON text; a binary frame is not read");
    socket.afterWrites(() -> failed(connection, socket.guard(), binary, RequestIds.NONE));
  }

  /** One client frame, from any transport: size, JSON limits, rate, decoding, then its route. */
  public void receive(Connection socket, String text) {
    Subscriber connection = socket.subscriber();
    connection.touch();
    if (Utf8.exceeds(text, config.maxFrameBytes())) {
      closeTooLarge(connection);
      return;
    }
    ConnectionGuard guard = socket.guard();
    RequestIds ids = RequestIds.NONE;
    try {
      config.jsonLimits().check(text);
      Inbound inbound;
      try {
        inbound = socket.dialect().decode(text);
      } catch (FrameException e) {
        ids = e.ids();
        throw e;
      }
      ids = inbound.ids();
      live.received(connection, inbound.message());
      if (!(inbound.message() instanceof Push)) {
        // a push may be read while earlier ones commit; any other frame waits for their answers,
        // so that its own reply comes after them
        socket.awaitWrites();
      }
      guard.admit();
      CompletableFuture<Void> writing = handle(socket, inbound);
      if (writing != null) {
        RequestIds replyTo = ids;
        socket.writing(
            writing.whenComplete(
                (done, failure) -> {
                  if (failure != null) {
                    failed(connection, guard, failure, replyTo);
                  }
                }));
      }
    } catch (RuntimeException e) {
      RequestIds replyTo = ids;
      socket.afterWrites(() -> failed(connection, guard, e, replyTo));
    }
  }

  /** The reply to a frame that was refused or failed, now or once its write was tried. */
  private void failed(
      Subscriber connection, ConnectionGuard guard, Throwable failure, RequestIds ids) {
    Throwable e = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
    if (e instanceof RateLimitedException limited) {
      connection.send(
          Outbound.reply(
              new RateLimit(
                  limited.limit(), 0, Instant.now().plusMillis(limited.retryAfterMs()), "1s"),
              ids));
      refuse(connection, guard, limited, ids);
    } else if (e instanceof ProtocolException refused && refused.code() != ErrorCode.INTERNAL) {
      refuse(connection, guard, refused, ids);
    } else if (e instanceof ProtocolException serverSide) {
      // the server's own failure, told to the client as such: counted in the refusals' metric
      // (reason internal), never toward closing the client for abuse
      LOG.warning(
          () -> "Failed to handle a frame on " + connection + ": " + serverSide.getMessage());
      live.refused(connection, serverSide);
      connection.send(error(serverSide, ids));
    } else {
      LOG.log(Level.WARNING, "Failed to handle a frame on " + connection, e);
      connection.send(error(new ProtocolException(ErrorCode.INTERNAL, "the server failed"), ids));
    }
  }

  /** Routes a frame; returns what {@link MessageRouter#route} returns for it, or null. */
  private CompletableFuture<Void> handle(Connection socket, Inbound inbound) {
    Subscriber connection = socket.subscriber();
    if (connection.endIfExpired()) {
      return null;
    }
    if (inbound.message() instanceof Auth request) {
      authentication.authenticate(connection, request, inbound.ids());
      List<String> onAuth = socket.takeChannelsOnAuth();
      if (onAuth != null && connection.authenticated()) {
        subscribeOnOpen(connection, onAuth);
      }
      return null;
    }
    Caller caller = connection.caller();
    if (caller == null && !(inbound.message() instanceof Ping)) {
      throw new ProtocolException(
          ErrorCode.UNAUTHENTICATED, "send auth {token} first; only auth and ping until then");
    }
    socket.profile().check(inbound.message());
    return actors.runAs(
        caller == null ? Caller.ANONYMOUS : caller, () -> router.route(connection, inbound));
  }

  /**
   * Refuses a socket while it opens: the reason (if any) and the close are written on this thread,
   * before the open completes, so the container never sees a half-open connection.
   */
  private static void refuseAtOpen(
      Session session, Dialect dialect, ProtocolException reason, String closeReason) {
    LiveConnections.refused("socket", closeReason.replace(' ', '_'), null, null);
    try {
      if (reason != null) {
        session.getBasicRemote().sendText(dialect.encoder().encode(error(reason, RequestIds.NONE)));
      }
      session.close(
          new CloseReason(
              CloseReason.CloseCodes.getCloseCode(CloseCode.POLICY_VIOLATION.code()), closeReason));
    } catch (IOException e) {
      LOG.log(Level.FINE, "The refused socket went away first", e);
    }
  }

  private void refuse(
      Subscriber connection, ConnectionGuard guard, ProtocolException refused, RequestIds ids) {
    live.refused(connection, refused);
    connection.send(error(refused, ids));
    if (guard.refusedAndAbusive()) {
      LOG.warning(() -> "Closing " + connection + ": too many refused frames");
      connection.close(CloseCode.POLICY_VIOLATION, "abuse");
    }
  }

  /** Any frame, a pong included, shows the client is alive; a pong also shows what it read. */
  void heard(Session session, PongMessage pong) {
    Subscriber connection = connection(session);
    if (connection != null) {
      connection.touch();
    }
    SendWindow window = SendWindow.of(session);
    if (window != null) {
      window.pong(pong.getApplicationData());
    }
  }

  void closed(Session session, CloseReason reason) {
    Connection socket = Connection.of(session);
    if (socket != null) {
      closed(socket, reason == null ? 1005 : reason.getCloseCode().getCode());
    }
  }

  /** The connection has gone, over any transport: it leaves presence and its channels. */
  public void closed(Connection socket, int closeCode) {
    Subscriber connection = socket.subscriber();
    live.closed(connection, closeCode);
    presence.disconnected(connection);
    channels.disconnected(connection);
  }

  void failed(Session session, Throwable failure) {
    LOG.log(Level.FINE, "WebSocket error on session " + session.getId(), failure);
  }

  private static Subscriber connection(Session session) {
    Connection socket = Connection.of(session);
    return socket == null ? null : socket.subscriber();
  }

  private static Outbound error(ProtocolException e, RequestIds ids) {
    return Outbound.reply(ErrorMessage.of(e), ids);
  }
}
