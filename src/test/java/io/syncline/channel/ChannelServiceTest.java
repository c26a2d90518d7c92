package io.syncline.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.config.SynclineConfig;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.RequestIds;
import io.syncline.security.Caller;
import io.syncline.security.DefaultChannelPolicy;
import io.syncline.websocket.EnvelopeEncoder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelServiceTest {

  private final ChannelManager manager = new ChannelManager();
  private final ChannelService service =
      new ChannelService(
          manager,
          new DefaultChannelPolicy(),
          new SynclineConfig(25_000, 3, 65536, 16),
          new StillFeed(7),
          new BroadcastLimits(100));
  private final Subscriber alice =
      new Subscriber(
          "c1",
          new Caller("alice", Set.of(), null, null),
          EnvelopeEncoder.INSTANCE,
          new FakeTransport(),
          16);

  private ProtocolException refused(List<String> channels) {
    return assertThrows(
        ProtocolException.class, () -> service.subscribe(alice, channels, RequestIds.NONE));
  }

  @Test
  void aRequestWithOneBadNameSubscribesNothing() {
    assertEquals(ErrorCode.BAD_CHANNEL, refused(List.of("component:1", "no spaces")).code());
    assertTrue(manager.channelsOf(alice).isEmpty());
  }

  @Test
  void aRequestOverTheCapSubscribesNothing() {
    service.subscribe(alice, List.of("component:1", "component:2"), RequestIds.NONE);
    assertEquals(ErrorCode.LIMIT_EXCEEDED, refused(List.of("component:3", "component:4")).code());
    assertEquals(Set.of("component:1", "component:2"), manager.channelsOf(alice));
  }

  @Test
  void resubscribingDoesNotCountTwice() {
    service.subscribe(alice, List.of("component:1", "component:2", "component:3"), RequestIds.NONE);
    assertEquals(
        List.of("component:1"),
        service.subscribe(alice, List.of("component:1"), RequestIds.NONE).channels());
  }

  @Test
  void aUserChannelIsOnlyItsOwners() {
    assertEquals(
        new ChannelService.Subscription(List.of("user:alice"), 7),
        service.subscribe(alice, List.of("user:alice"), RequestIds.NONE));
    assertEquals(ErrorCode.FORBIDDEN, refused(List.of("user:bob")).code());
  }

  @Test
  void unsubscribingIsIdempotent() {
    service.subscribe(alice, List.of("component:1"), RequestIds.NONE);
    assertEquals(List.of("component:1"), service.unsubscribe(alice, List.of("component:1")));
    assertEquals(List.of("component:1"), service.unsubscribe(alice, List.of("component:1")));
    assertTrue(manager.channelsOf(alice).isEmpty());
  }
}
