package io.syncline.websocket;

import io.syncline.channel.ChannelService;
import io.syncline.channel.Subscriber;
import io.syncline.protocol.Auth;
import io.syncline.protocol.AuthOk;
import io.syncline.protocol.CloseCode;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.RequestIds;
import io.syncline.security.AuthSettings;
import io.syncline.security.Caller;
import io.syncline.security.TokenVerifier;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/**
 * Who a socket acts as, from open to close: the handshake's token, or an {@code auth} frame within
 * the allowed time; a fresh token on a live socket; the end of an expired one.
 */
@ApplicationScoped
public class SocketAuthentication {

  @Inject private TokenVerifier tokens;
  @Inject private AuthSettings settings;
  @Inject private ChannelService channels;
  @Resource private ManagedScheduledExecutorService scheduler;

  /**
   * The caller the handshake's token names; null if there was none and one is required (the socket
   * must then send {@code auth}).
   *
   * @throws ProtocolException {@code unauthenticated} for a token that does not verify
   */
  Caller atOpen(String token) {
    if (token != null) {
      return tokens.verify(token);
    }
    return settings.required() ? null : Caller.ANONYMOUS;
  }

  /** Once the connection is open: the personal room, or the deadline for {@code auth}. */
  void opened(Subscriber connection) {
    if (connection.authenticated()) {
      enterPersonalRoom(connection);
    } else {
      scheduler.schedule(
          () -> closeIfUnauthenticated(connection),
          settings.authTimeoutMs(),
          TimeUnit.MILLISECONDS);
    }
  }

  /**
   * A first token, or a fresh one: rights are checked again and lost subscriptions end. A token
   * refused here is a refused frame like any other (PROTOCOL.md): answered {@code unauthenticated},
   * and the connection stays as it was: still unauthenticated until its deadline, or still the
   * caller of its last good token until that expires.
   *
   * @throws ProtocolException {@code unauthenticated} for a token that does not verify, or one of
   *     another user
   */
  void authenticate(Subscriber connection, Auth request, RequestIds ids) {
    Caller caller = tokens.verify(request.token());
    Caller previous = connection.caller();
    if (previous != null
        && previous != Caller.ANONYMOUS
        && !previous.userId().equals(caller.userId())) {
      throw new ProtocolException(
          ErrorCode.UNAUTHENTICATED, "a connection cannot change user; reconnect instead");
    }
    connection.authenticate(caller);
    connection.send(
        Outbound.reply(new AuthOk(caller.userId(), caller.roles(), caller.expiresAt()), ids));
    if (previous == null) {
      enterPersonalRoom(connection);
    } else {
      channels.reauthorize(connection);
    }
  }

  private void enterPersonalRoom(Subscriber connection) {
    if (connection.caller() != Caller.ANONYMOUS) {
      channels.enterPersonalRoom(connection);
    }
  }

  private void closeIfUnauthenticated(Subscriber connection) {
    if (!connection.authenticated()) {
      connection.closeWith(
          new ProtocolException(
              ErrorCode.UNAUTHENTICATED, "no auth within " + settings.authTimeoutMs() + " ms"),
          RequestIds.NONE,
          CloseCode.POLICY_VIOLATION);
    }
  }
}
