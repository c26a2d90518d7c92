package io.syncline.presence;

import static io.syncline.testing.Frames.presenceHeartbeat;
import static io.syncline.testing.Frames.presenceJoin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.LimitedServer;
import io.syncline.testing.Rest;
import io.syncline.testing.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Members join one room as fast as they can. In the {@code count} view (2,000 members) presence
 * traffic must not grow with the square of the members: each member receives a handful of frames,
 * not one per joiner. In the default {@code events} view (300 members) each member must learn of
 * every other one, from its snapshot or a {@code presence:join}, and never of itself.
 */
@ExtendWith(LimitedServer.class)
class PresenceBurstIT {

  private static final Logger LOG = Logger.getLogger(PresenceBurstIT.class.getName());
  private static final int MEMBERS = 2000;
  private static final int LISTED_MEMBERS = 300;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A member that only counts the presence frames it receives after its own join. */
  private static final class Member implements WebSocket.Listener {
    final String userId;
    final int roomSize;
    final AtomicInteger presenceFrames = new AtomicInteger();
    final java.util.Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final AtomicInteger toldOfItself = new AtomicInteger();
    final AtomicInteger batchesInBatches = new AtomicInteger();
    final CompletableFuture<Void> synced = new CompletableFuture<>();
    final CompletableFuture<Void> sawEveryone = new CompletableFuture<>();
    final List<String> firstFrames = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final StringBuilder text = new StringBuilder();
    volatile WebSocket socket;
    private CompletableFuture<WebSocket> lastText = CompletableFuture.completedFuture(null);

    Member(String userId, int roomSize) {
      this.userId = userId;
      this.roomSize = roomSize;
    }

    /** Sends text unless a text send is still outstanding (one at a time per socket). */
    synchronized void sendText(String text) {
      if (lastText.isDone()) {
        lastText = socket.sendText(text, true);
      }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      socket = webSocket;
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        JsonObject frame = Json.createReader(new StringReader(text.toString())).readObject();
        text.setLength(0);
        handle(frame, false);
      }
      webSocket.request(1);
      return null;
    }

    private void handle(JsonObject frame, boolean packed) {
      if ("batch:update".equals(frame.getString("type")) && !frame.containsKey("channel")) {
        if (packed) {
          batchesInBatches.incrementAndGet();
        }
        // packed frames, each counting as it would alone; a window's batch that queued behind a
        // write arrives packed inside the backlog's batch, so a batch may hold batches
        frame
            .getJsonObject("payload")
            .getJsonArray("updates")
            .forEach(u -> handle(u.asJsonObject(), true));
        return;
      }
      if (firstFrames.size() < 4) {
        firstFrames.add(frame.getString("type"));
      }
      String type = frame.getString("type");
      JsonObject payload = frame.getJsonObject("payload");
      if (type.equals("presence:sync") && !synced.isDone()) {
        if (payload.containsKey("users")) {
          payload.getJsonArray("users").forEach(u -> known.add(u.asJsonObject().getString("id")));
        }
        synced.complete(null);
      } else if (type.startsWith("presence:")) {
        presenceFrames.incrementAndGet();
        if (type.equals("presence:join")) {
          String joined = payload.getJsonObject("user").getString("id");
          if (joined.equals(userId)) {
            toldOfItself.incrementAndGet();
          }
          known.add(joined);
        }
      }
      int count = type.equals("presence:sync") ? payload.getInt("count") : known.size();
      if (count == roomSize) {
        sawEveryone.complete(null);
      }
    }
  }

  @Test
  void aJoinBurstInTheCountViewCostsEachMemberAFewFramesNotOnePerJoiner() throws Exception {
    List<Member> members = burst(MEMBERS, "count");
    try {
      int total = members.stream().mapToInt(m -> m.presenceFrames.get()).sum();
      int most = members.stream().mapToInt(m -> m.presenceFrames.get()).max().orElse(0);
      double perMember = (double) total / MEMBERS;
      LOG.info(
          String.format(
              "Presence burst (count view): %d members; %.1f presence frames per member"
                  + " (most %d), against %d with one per joiner",
              MEMBERS, perMember, most, MEMBERS - 1));
      assertTrue(perMember < MEMBERS / 20.0, "frames per member grow with the room: " + perMember);
    } finally {
      abort(members);
    }
  }

  @Test
  void aJoinBurstInTheEventsViewTellsEachMemberOfEveryOtherAndNeverOfItself() throws Exception {
    List<Member> members = burst(LISTED_MEMBERS, "events");
    try {
      for (Member member : members) {
        assertEquals(0, member.toldOfItself.get(), member.userId + " was told of its own join");
        assertEquals(LISTED_MEMBERS, member.known.size(), member.userId + " missed members");
      }
    } finally {
      abort(members);
    }
  }

  private static void abort(List<Member> members) {
    members.forEach(
        m -> {
          if (m.socket != null) {
            m.socket.abort();
          }
        });
  }

  /**
   * Opens {@code size} members, has them all join one room in {@code view} at once, and returns
   * once every member knows that all are there.
   */
  private static List<Member> burst(int size, String view) throws Exception {
    String room = "entity:Hall:" + UUID.randomUUID();
    String prefix = "m" + UUID.randomUUID().toString().substring(0, 6) + "-";
    List<Member> members = new java.util.concurrent.CopyOnWriteArrayList<>();
    ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    try {
      // what a live client sends, for all members from one thread from the first connection on:
      // a presence heartbeat each second (before the join it only shows the socket is alive)
      String presenceHeartbeat = presenceHeartbeat(room);
      heartbeats.scheduleAtFixedRate(
          () ->
              members.stream()
                  .filter(m -> m.socket != null && !m.socket.isOutputClosed())
                  .forEach(m -> m.sendText(presenceHeartbeat)),
          500,
          1000,
          TimeUnit.MILLISECONDS);
      // open in batches of 100, so no handshake waits long behind the others; a handshake the
      // loaded server turns away is retried, and the retries are counted
      int retries = 0;
      for (int batch = 0; batch < size; batch += 100) {
        for (int i = batch; i < batch + 100; i++) {
          members.add(new Member(prefix + i, size));
        }
        for (int attempt = 0; ; attempt++) {
          List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
          for (int i = batch; i < batch + 100; i++) {
            Member member = members.get(i);
            if (member.socket == null) {
              opening.add(
                  HTTP.newWebSocketBuilder()
                      .buildAsync(
                          LimitedServer.server()
                              .ws("/api/ws?access_token=" + TestTokens.token(prefix + i, "user")),
                          member));
            }
          }
          try {
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new))
                .get(1, TimeUnit.MINUTES);
            break;
          } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof java.net.http.WebSocketHandshakeException refused)
                || attempt == 2) {
              throw e;
            }
            retries++;
            LOG.warning("A handshake was refused with " + refused.getResponse().statusCode());
          }
        }
      }
      assertTrue(retries <= 5, retries + " batches had refused handshakes");

      long start = System.nanoTime();
      for (Member member : members) {
        member.sendText(presenceJoin(room, "presenceMode", view));
      }
      try {
        CompletableFuture.allOf(
                members.stream().map(m -> m.synced).toArray(CompletableFuture[]::new))
            .get(1, TimeUnit.MINUTES);
      } catch (java.util.concurrent.TimeoutException e) {
        List<Member> waiting = members.stream().filter(m -> !m.synced.isDone()).toList();
        throw new AssertionError(
            waiting.size()
                + " members never got presence:sync; one saw "
                + waiting.get(0).firstFrames
                + ", input closed "
                + waiting.get(0).socket.isInputClosed());
      }
      JsonObject present =
          Rest.body(
              new Rest(LimitedServer.server()::http, TestTokens.token("counter", "user"))
                  .get("/api/presence/" + room),
              200);
      assertEquals(size, present.getInt("count"));
      // the last frames (or, for the last joiners, their own snapshot) tell every member that all
      // are present
      try {
        CompletableFuture.allOf(
                members.stream().map(m -> m.sawEveryone).toArray(CompletableFuture[]::new))
            .get(1, TimeUnit.MINUTES);
      } catch (java.util.concurrent.TimeoutException e) {
        List<Member> behind = members.stream().filter(m -> !m.sawEveryone.isDone()).toList();
        Member first = behind.get(0);
        throw new AssertionError(
            behind.size()
                + " members never learnt that all "
                + size
                + " are present; "
                + first.userId
                + " knows "
                + first.known.size()
                + " (not "
                + members.stream()
                    .map(m -> m.userId)
                    .filter(id -> !first.known.contains(id))
                    .limit(3)
                    .toList()
                + ") after "
                + first.presenceFrames.get()
                + " presence frames ("
                + first.batchesInBatches.get()
                + " batches inside batches), input closed "
                + first.socket.isInputClosed());
      }
      LOG.info(
          String.format(
              "Presence burst (%s view): %d members in %.1f s; %d batches arrived inside batches",
              view,
              size,
              (System.nanoTime() - start) / 1e9,
              members.stream().mapToInt(m -> m.batchesInBatches.get()).sum()));
      return members;
    } catch (Exception | AssertionError e) {
      abort(members);
      throw e;
    } finally {
      heartbeats.shutdownNow();
    }
  }
}
