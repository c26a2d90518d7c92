package io.syncline.channel;

import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.CloseCode;
import io.syncline.protocol.FrameEncoder;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.Published;
import io.syncline.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChannelManagerTest {

  /** An encoder that counts its calls; each instance stands for one dialect. */
  static final class CountingEncoder implements FrameEncoder {
    final AtomicInteger calls = new AtomicInteger();
    final String name;

    CountingEncoder(String name) {
      this.name = name;
    }

    @Override
    public String encode(Outbound frame) {
      calls.incrementAndGet();
      return name + ":" + frame.message().type();
    }
  }

  private final ChannelManager manager = new ChannelManager();
  private final CountingEncoder envelope = new CountingEncoder("envelope");
  private final CountingEncoder flat = new CountingEncoder("flat");

  private Subscriber subscriber(String id, FrameEncoder encoder, FakeTransport transport) {
    Subscriber subscriber =
        new Subscriber(id, new Caller("user-" + id, Set.of(), null, null), encoder, transport, 4);
    manager.connected(subscriber);
    return subscriber;
  }

  private static Outbound frame() {
    return Outbound.onChannel("component:1", new Published("probe", null));
  }

  @Test
  void aBroadcastIsEncodedOncePerDialectNotPerSubscriber() {
    List<FakeTransport> envelopeSockets = new ArrayList<>();
    List<FakeTransport> flatSockets = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      envelopeSockets.add(new FakeTransport());
      flatSockets.add(new FakeTransport());
      manager.add(subscriber("e" + i, envelope, envelopeSockets.get(i)), "component:1");
      manager.add(subscriber("f" + i, flat, flatSockets.get(i)), "component:1");
    }
    assertEquals(20, manager.publish("component:1", frame(), s -> true));
    assertEquals(1, envelope.calls.get());
    assertEquals(1, flat.calls.get());
    // the dialects' subscribers come in no particular order: each still gets its own dialect
    envelopeSockets.forEach(socket -> assertEquals(List.of("envelope:probe"), socket.sent));
    flatSockets.forEach(socket -> assertEquals(List.of("flat:probe"), socket.sent));
  }

  @Test
  void theSenderIsSkipped() {
    FakeTransport senderSocket = new FakeTransport();
    FakeTransport otherSocket = new FakeTransport();
    Subscriber sender = subscriber("s", envelope, senderSocket);
    manager.add(sender, "component:1");
    manager.add(subscriber("o", envelope, otherSocket), "component:1");
    assertEquals(1, manager.publish("component:1", frame(), sender));
    assertTrue(senderSocket.sent.isEmpty());
    assertEquals(1, otherSocket.sent.size());
  }

  @Test
  void disconnectingRemovesEverySubscription() {
    Subscriber subscriber = subscriber("s", envelope, new FakeTransport());
    manager.add(subscriber, "component:1");
    manager.add(subscriber, "entity:Task");
    assertEquals(2, manager.disconnected(subscriber).size());
    assertTrue(manager.subscribers("component:1").isEmpty());
    assertTrue(manager.channelsOf(subscriber).isEmpty());
    assertTrue(manager.connections().isEmpty());
    assertEquals(0, manager.publish("entity:Task", frame(), s -> true));
  }

  @Test
  void aSlowConsumerIsClosedAndTheOthersStillReceive() {
    FakeTransport slowSocket = new FakeTransport();
    slowSocket.stalled = true;
    FakeTransport healthySocket = new FakeTransport();
    manager.add(subscriber("slow", envelope, slowSocket), "component:1");
    manager.add(subscriber("healthy", envelope, healthySocket), "component:1");
    for (int i = 0; i < 10; i++) {
      manager.publish("component:1", frame(), s -> true);
    }
    assertEquals(CloseCode.SLOW_CONSUMER, slowSocket.closedWith);
    assertNull(healthySocket.closedWith);
    assertEquals(10, healthySocket.sent.size());
  }

  @Test
  void thePublicViewIsReadOnly() {
    Subscriber subscriber = subscriber("s", envelope, new FakeTransport());
    manager.add(subscriber, "component:1");
    assertThrows(
        UnsupportedOperationException.class, () -> manager.subscribers("component:1").clear());
    assertThrows(UnsupportedOperationException.class, () -> manager.channelsOf(subscriber).clear());
  }

  /** Another dialect, a class of its own, as the envelope and flat encoders are. */
  static final class OtherEncoder implements FrameEncoder {
    @Override
    public String encode(Outbound frame) {
      return "other:" + frame.message().type();
    }
  }

  @Test
  void aFrameFromAnotherNodeGoesToEachSubscriberInItsDialectWithoutEncoding() {
    FakeTransport envelopeSocket = new FakeTransport();
    FakeTransport otherSocket = new FakeTransport();
    FakeTransport elsewhere = new FakeTransport();
    manager.add(subscriber("e", envelope, envelopeSocket), "component:1");
    manager.add(subscriber("o", new OtherEncoder(), otherSocket), "component:1");
    manager.add(subscriber("x", envelope, elsewhere), "component:2");

    manager.deliverRemote(
        "component:1",
        java.util.Map.of(
            CountingEncoder.class.getName(), object("from", "envelope").toString(),
            OtherEncoder.class.getName(), object("from", "other").toString()));

    assertEquals(java.util.List.of(object("from", "envelope").toString()), envelopeSocket.sent);
    assertEquals(java.util.List.of(object("from", "other").toString()), otherSocket.sent);
    assertTrue(elsewhere.sent.isEmpty(), "only the channel's subscribers");
    assertEquals(0, envelope.calls.get(), "the text is delivered as it came");
  }
}
