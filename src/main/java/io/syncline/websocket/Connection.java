package io.syncline.websocket;

import io.syncline.channel.Subscriber;
import jakarta.websocket.Session;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the server keeps for one open connection (a socket, or a long-poll session): its subscriber
 * (the send queue and caller), the dialect it speaks, the endpoint's profile, its abuse guard, the
 * channels to subscribe once it authenticates, and its pushes not yet answered. Kept in the session
 * under one key; {@link ConnectionHandler} creates it at open.
 */
public final class Connection {

  private static final String KEY = Connection.class.getName();

  private final Subscriber subscriber;
  private final Dialect dialect;
  private final EndpointProfile profile;
  private final ConnectionGuard guard;
  private final AtomicReference<List<String>> channelsOnAuth = new AtomicReference<>();
  private volatile CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);

  Connection(
      Subscriber subscriber, Dialect dialect, EndpointProfile profile, ConnectionGuard guard) {
    this.subscriber = subscriber;
    this.dialect = dialect;
    this.profile = profile;
    this.guard = guard;
  }

  /** The session's connection, or null before it opened (or when it was refused at open). */
  static Connection of(Session session) {
    return (Connection) session.getUserProperties().get(KEY);
  }

  void attachTo(Session session) {
    session.getUserProperties().put(KEY, this);
  }

  /** Its subscriber: the id, the caller and the send queue. */
  public Subscriber subscriber() {
    return subscriber;
  }

  Dialect dialect() {
    return dialect;
  }

  EndpointProfile profile() {
    return profile;
  }

  ConnectionGuard guard() {
    return guard;
  }

  /** Holds channels to subscribe when the client authenticates with an {@code auth} frame. */
  void subscribeOnAuth(List<String> channels) {
    channelsOnAuth.set(channels);
  }

  /**
   * The connection's latest push, answered once this completes (its replies or its error sent).
   * Pushes are committed in the order they were read, so this completes after every earlier one.
   * Called by the thread that reads the connection's frames, as the two below.
   */
  void writing(CompletableFuture<Void> answered) {
    writes = answered;
  }

  /** Waits until the connection's pushes read so far are answered (at once when none wait). */
  void awaitWrites() {
    CompletableFuture<Void> latest = writes;
    if (!latest.isDone()) {
      latest.handle((done, failure) -> null).join();
    }
  }

  /**
   * Runs {@code reply} once the connection's pushes read so far are answered: in order after them.
   */
  void afterWrites(Runnable reply) {
    CompletableFuture<Void> latest = writes;
    if (latest.isDone()) {
      reply.run();
    } else {
      writes =
          latest.handle(
              (done, failure) -> {
                reply.run();
                return null;
              });
    }
  }

  /** The channels held for authentication, once: later calls return null. */
  List<String> takeChannelsOnAuth() {
    return channelsOnAuth.getAndSet(null);
  }
}
