package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A handshake whose request Grizzly has already recycled (its socket was closed while the request
 * was dispatched: FuzzIT met one on Payara) has no wire, whether a getter answers null or throws;
 * that is no reason to stop writing below Tyrus for every other socket, or to log a warning.
 */
class GrizzlyWireTest {

  @Test
  void aRequestThatLostItsConnectionHasNoWireAndTurnsNothingOff() {
    List<LogRecord> logged = new ArrayList<>();
    Logger logger = Logger.getLogger(GrizzlyWire.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      assertNull(GrizzlyWire.find(new Facade(new Packet(null))));
      assertNull(GrizzlyWire.find(new Facade(null)));
    } finally {
      logger.removeHandler(handler);
    }
    assertTrue(GrizzlyWire.available(), "the wire was switched off for every socket");
    assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList());
  }

  /** Payara's request facade, its Catalina and Grizzly requests and the HTTP packet, as seen. */
  static final class Facade {
    private final Packet packet;

    Facade(Packet packet) {
      this.packet = packet;
    }

    public Facade getUnwrappedCoyoteRequest() {
      return this;
    }

    public Facade getCoyoteRequest() {
      return this;
    }

    public boolean isSecure() {
      return false;
    }

    /** Without a packet, as Grizzly's request throws when asked for its recycled one. */
    public Packet getRequest() {
      if (packet == null) {
        throw new NullPointerException("recycled");
      }
      return packet;
    }
  }

  /** The HTTP packet: its connection is null once Grizzly recycled it. */
  static final class Packet {
    private final Object connection;

    Packet(Object connection) {
      this.connection = connection;
    }

    public Object getConnection() {
      return connection;
    }
  }
}
