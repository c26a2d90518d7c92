package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.LogRecords;
import java.util.List;
import java.util.logging.Level;
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
    try (LogRecords warnings = LogRecords.of(GrizzlyWire.class.getName(), Level.WARNING)) {
      assertNull(GrizzlyWire.find(new Request(new Packet(null), false)));
      assertNull(GrizzlyWire.find(new Request(null, false)));
      assertNull(GrizzlyWire.find(new Request(new Packet(new Object()), true)));
      assertTrue(GrizzlyWire.available(), "the wire was switched off for every socket");
      assertEquals(List.of(), warnings.lines());
    }
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
