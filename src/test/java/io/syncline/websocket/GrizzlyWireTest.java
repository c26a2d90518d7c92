package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A handshake whose request Grizzly has recycled (its socket was closed while the request was
 * dispatched: FuzzIT met one on Payara) has no wire, whether the recycling was done before the
 * lookup (null fields) or during it (a getter that fails); that is no reason to stop writing below
 * Tyrus for every other socket, or to warn. A request's connection is closed through the same
 * lookup, or not at all when the request has none.
 */
class GrizzlyWireTest {

  @Test
  void aRecycledRequestHasNoWireAndTurnsNothingOff() {
    List<LogRecord> warnings = new ArrayList<>();
    Logger logger = Logger.getLogger(GrizzlyWire.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      assertNull(GrizzlyWire.find(new Request(new Packet(null), false)));
      assertNull(GrizzlyWire.find(new Request(null, false)));
      assertNull(GrizzlyWire.find(new Request(new Packet(new Object()), true)));
    } finally {
      logger.removeHandler(handler);
    }
    assertTrue(GrizzlyWire.available(), "the wire was switched off for every socket");
    assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList());
  }

  @Test
  void aRequestsConnectionIsClosedUnlessItHasNone() {
    Connection connection = new Connection();
    assertTrue(GrizzlyWire.closeBelow(new Request(new Packet(connection), false)));
    assertEquals(1, connection.closed);
    assertFalse(GrizzlyWire.closeBelow(new Request(new Packet(null), false)));
    assertFalse(GrizzlyWire.closeBelow(new Request(null, false)));
  }

  /** Grizzly's connection, as far as closing it goes. */
  static final class Connection {
    int closed;

    public void closeSilently() {
      closed++;
    }
  }

  /**
   * Payara's request facade and its Catalina and Grizzly requests in one: the packet is null once
   * recycled, and {@code isSecure} fails as Grizzly's does without it, or, with {@code recycling},
   * as when another thread recycles the request between two calls.
   */
  record Request(Packet packet, boolean recycling) {

    public Request getUnwrappedCoyoteRequest() {
      return this;
    }

    public Request getCoyoteRequest() {
      return this;
    }

    public Packet getRequest() {
      return packet;
    }

    public boolean isSecure() {
      if (packet == null || recycling) {
        throw new NullPointerException("the request's packet");
      }
      return false;
    }
  }

  /** The HTTP packet: its connection is null once Grizzly recycled it. */
  record Packet(Object connection) {

    public Object getConnection() {
      return connection;
    }
  }
}
