package io.syncline.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.channel.BroadcastLimits;
import io.syncline.channel.ChannelManager;
import io.syncline.channel.ChannelService;
import io.syncline.channel.StillFeed;
import io.syncline.channel.Subscriber;
import io.syncline.channel.Transport;
import io.syncline.cluster.LocalCluster;
import io.syncline.config.SynclineConfig;
import io.syncline.protocol.CloseCode;
import io.syncline.protocol.RequestIds;
import io.syncline.security.Caller;
import io.syncline.security.DefaultChannelPolicy;
import io.syncline.websocket.EnvelopeEncoder;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tracker's announcements when its scheduler refuses work, as the container's does while the
 * application stops: a join is still announced, and the room announces again once tasks are taken.
 */
class PresenceTrackerTest {

  private static final String ROOM = "component:room1";

  /** Records what a connection was sent. */
  private static final class Recording implements Transport {
    final List<String> sent = new ArrayList<>();

    @Override
    public synchronized void send(String text, Consumer<Throwable> done) {
      sent.add(text);
      done.accept(null);
    }

    @Override
    public void close(CloseCode code, String reason) {}

    synchronized long joinsOf(String user) {
      return sent.stream()
          .filter(t -> t.contains("\"presence:join\"") && t.contains("\"" + user + "\""))
          .count();
    }
  }

  private final SynclineConfig config = new SynclineConfig(25_000, 50, 65_536, 16);
  private final ChannelManager manager = new ChannelManager();
  private final ChannelService channels =
      new ChannelService(
          manager, new DefaultChannelPolicy(), config, new StillFeed(0), new BroadcastLimits(100));
  private final PresenceTracker tracker = new PresenceTracker();
  private final List<Runnable> scheduled = new ArrayList<>();
  private boolean refusing;

  @BeforeEach
  void wire() throws Exception {
    set("channels", manager);
    set("config", config);
    set("cluster", new LocalCluster());
    set(
        "scheduler",
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {ManagedScheduledExecutorService.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("schedule")) {
                throw new UnsupportedOperationException(method.getName());
              }
              if (refusing) {
                throw new RejectedExecutionException("the application is stopping");
              }
              scheduled.add((Runnable) args[0]);
              return null;
            }));
  }

  private void set(String field, Object value) throws Exception {
    Field f = PresenceTracker.class.getDeclaredField(field);
    f.setAccessible(true);
    f.set(tracker, value);
  }

  private Recording joined(String user) {
    Recording transport = new Recording();
    Subscriber connection =
        new Subscriber(
            "c-" + user,
            new Caller(user, Set.of(), null, null),
            EnvelopeEncoder.INSTANCE,
            transport,
            16);
    channels.connected(connection);
    channels.subscribe(connection, List.of(ROOM), RequestIds.NONE);
    tracker.join(connection, ROOM, false, user, null, PresenceView.EVENTS, snapshot -> {});
    return transport;
  }

  private void runScheduled() {
    List<Runnable> due = new ArrayList<>(scheduled);
    scheduled.clear();
    due.forEach(Runnable::run);
  }

  @Test
  void joinsAreAnnouncedWhileTheSchedulerRefusesAndAfterItTakesTasksAgain() {
    Recording ada = joined("ada");
    runScheduled();
    refusing = true;
    joined("bob");
    assertEquals(1, ada.joinsOf("bob"), "bob's join, announced at once: " + ada.sent);

    refusing = false;
    joined("cy");
    assertEquals(0, ada.joinsOf("cy"), "announced when the coalescing window ends");
    assertEquals(1, scheduled.size(), "the room's next window was scheduled");
    runScheduled();
    assertEquals(1, ada.joinsOf("cy"), ada.sent.toString());
    assertTrue(scheduled.isEmpty());
  }
}
