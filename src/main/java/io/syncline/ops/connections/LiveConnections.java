package io.syncline.ops.connections;

import io.syncline.channel.Subscriber;
import io.syncline.ops.log.EventLog;
import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.ClientMessage;
import io.syncline.protocol.MessageTypes;
import io.syncline.protocol.ProtocolException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The socket connections open now, with what operators ask of them; the socket's life is reported
 * here (one call each from the connection handler), counted and logged as one line per event.
 */
@ApplicationScoped
public class LiveConnections {

  private final Map<String, LiveConnection> open = new ConcurrentHashMap<>();

  public void opened(Subscriber subscriber, String endpoint, String dialect) {
    String endpointName = endpoint.toLowerCase(Locale.ROOT);
    String dialectName = dialect.toLowerCase(Locale.ROOT);
    open.put(subscriber.id(), new LiveConnection(subscriber, endpointName, dialectName));
    Metrics.CONNECTIONS_OPENED.inc(endpointName, dialectName);
    EventLog.info(
        "connection_open",
        "connection",
        subscriber.id(),
        "user",
        subscriber.userId(),
        "endpoint",
        endpointName,
        "dialect",
        dialectName);
  }

  /** A decoded client frame. */
  public void received(Subscriber subscriber, ClientMessage message) {
    Metrics.FRAMES_RECEIVED.inc(MessageTypes.nameOf(message.getClass()));
    LiveConnection connection = open.get(subscriber.id());
    if (connection != null) {
      connection.received();
    }
  }

  /**
   * A frame refused on an open connection, a socket or a long-poll session (policy, limits,
   * malformed).
   */
  public void refused(Subscriber subscriber, ProtocolException reason) {
    LiveConnection connection = open.get(subscriber.id());
    String transport =
        connection != null && "longpoll".equals(connection.endpoint()) ? "longpoll" : "socket";
    refused(transport, reason.code().wireName(), subscriber.id(), subscriber.userId());
  }

  /** A socket or request refused; {@code connection} and {@code user} may be null. */
  public static void refused(String transport, String reason, String connection, String user) {
    Metrics.REFUSALS.inc(transport, reason);
    EventLog.info(
        "refused",
        "transport",
        transport,
        "reason",
        reason,
        "connection",
        connection,
        "user",
        user);
  }

  public void closed(Subscriber subscriber, int closeCode) {
    LiveConnection connection = open.remove(subscriber.id());
    if (connection == null) {
      return;
    }
    EventLog.info(
        "connection_close",
        "connection",
        subscriber.id(),
        "user",
        subscriber.userId(),
        "endpoint",
        connection.endpoint(),
        "dialect",
        connection.dialect(),
        "durationMs",
        Duration.between(connection.opened(), Instant.now()).toMillis(),
        "framesIn",
        connection.framesIn(),
        "framesOut",
        subscriber.framesQueued(),
        "closeCode",
        closeCode);
  }

  /** The connections open now. */
  public Collection<LiveConnection> all() {
    return Collections.unmodifiableCollection(open.values());
  }

  public LiveConnection find(String id) {
    return open.get(id);
  }
}
