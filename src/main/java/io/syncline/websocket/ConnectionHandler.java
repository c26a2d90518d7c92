package io.syncline.websocket;

import io.syncline.channel.ChannelService;
import io.syncline.channel.Subscriber;
import io.syncline.config.SynclineConfig;
import io.syncline.protocol.CloseCode;
import io.syncline.protocol.ConnectionEstablished;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ErrorMessage;
import io.syncline.protocol.FrameException;
import io.syncline.protocol.Inbound;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.RequestIds;
import io.syncline.security.Identity;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of one socket connection, shared by every endpoint: open, frame size, decoding, error
 * replies, and close. What a message means is the {@link MessageRouter}'s business.
 */
@ApplicationScoped
public class ConnectionHandler {

  private static final Logger LOG = Logger.getLogger(ConnectionHandler.class.getName());
  private static final String SUBSCRIBER = Subscriber.class.getName();
  private static final String DIALECT = Dialect.class.getName();
  private static final String PROFILE = EndpointProfile.class.getName();

  @Inject private ChannelService channels;
  @Inject private MessageRouter router;
  @Inject private SynclineConfig config;
  @Resource private ManagedExecutorService executor;

  void open(Session session, EndpointProfile profile) {
    Dialect dialect = Dialect.requested(session, profile.defaultDialect());
    // Frames a little over the limit still get a too_large reply; far larger ones are cut off by
    // the container with the same close code.
    session.setMaxTextMessageBufferSize(Math.max(config.maxFrameBytes() * 4, 16 * 1024));
    Subscriber connection =
        new Subscriber(
            UUID.randomUUID().toString(),
            Identity.userId(session.getUserPrincipal()),
            dialect.encoder(),
            new SessionTransport(session, executor),
            config.sendQueueFrames());
    session.getUserProperties().put(SUBSCRIBER, connection);
    session.getUserProperties().put(DIALECT, dialect);
    session.getUserProperties().put(PROFILE, profile);
    channels.connected(connection);
    connection.send(
        Outbound.of(
            new ConnectionEstablished(
                connection.id(),
                connection.userId(),
                config.heartbeatIntervalMs(),
                SynclineConfig.PROTOCOL_VERSION)));
  }

  void receive(Session session, String text) {
    Subscriber connection = connection(session);
    connection.touch();
    if (Utf8.exceeds(text, config.maxFrameBytes())) {
      connection.send(
          error(
              new ProtocolException(
                  ErrorCode.TOO_LARGE, "frames are at most " + config.maxFrameBytes() + " bytes"),
              RequestIds.NONE));
      connection.close(CloseCode.TOO_LARGE, "frame too large");
      return;
    }
    Inbound inbound;
    try {
      inbound = ((Dialect) session.getUserProperties().get(DIALECT)).decode(text);
    } catch (FrameException e) {
      connection.send(error(e, e.ids()));
      return;
    }
    try {
      ((EndpointProfile) session.getUserProperties().get(PROFILE)).check(inbound.message());
      router.route(connection, inbound);
    } catch (ProtocolException e) {
      connection.send(error(e, inbound.ids()));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "Failed to handle a " + inbound.message().getClass().getSimpleName(), e);
      connection.send(
          error(new ProtocolException(ErrorCode.INTERNAL, "the server failed"), inbound.ids()));
    }
  }

  /** Any frame, a pong included, shows the client is alive. */
  void heard(Session session) {
    connection(session).touch();
  }

  void closed(Session session) {
    Subscriber connection = (Subscriber) session.getUserProperties().get(SUBSCRIBER);
    if (connection != null) {
      channels.disconnected(connection);
    }
  }

  void failed(Session session, Throwable failure) {
    LOG.log(Level.FINE, "WebSocket error on session " + session.getId(), failure);
  }

  private static Subscriber connection(Session session) {
    return (Subscriber) session.getUserProperties().get(SUBSCRIBER);
  }

  private static Outbound error(ProtocolException e, RequestIds ids) {
    return Outbound.reply(ErrorMessage.of(e), ids);
  }
}
