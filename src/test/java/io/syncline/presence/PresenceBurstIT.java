package io.syncline.presence;

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
 * 2,000 members join one room as fast as they can. Presence traffic must not grow with the square
 * of the members: each member receives a handful of coalesced frames, not one per joiner.
 */
@ExtendWith(LimitedServer.class)
class PresenceBurstIT {

  private static final Logger LOG = Logger.getLogger(PresenceBurstIT.class.getName());
  private static final int MEMBERS = 2000;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A member that only counts the presence frames it receives after its own join. */
  private static final class Member implements WebSocket.Listener {
    final AtomicInteger presenceFrames = new AtomicInteger();
    final CompletableFuture<Void> synced = new CompletableFuture<>();
    final CompletableFuture<Void> sawEveryone = new CompletableFuture<>();
    final List<String> firstFrames = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final StringBuilder text = new StringBuilder();
    volatile WebSocket socket;
    private CompletableFuture<WebSocket> lastText = CompletableFuture.completedFuture(null);

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
        if ("batch:update".equals(frame.getString("type")) && !frame.containsKey("channel")) {
          // a backlog the server packed into one frame: each update counts as it would alone
          frame
              .getJsonObject("payload")
              .getJsonArray("updates")
              .forEach(u -> handle(u.asJsonObject()));
        } else {
          handle(frame);
        }
      }
      webSocket.request(1);
      return null;
    }

    private void handle(JsonObject frame) {
      if (firstFrames.size() < 4) {
        firstFrames.add(frame.getString("type"));
      }
      String type = frame.getString("type");
      if (type.equals("presence:sync") && !synced.isDone()) {
        synced.complete(null);
      } else if (type.startsWith("presence:")) {
        presenceFrames.incrementAndGet();
        if (type.equals("presence:sync")
            && frame.getJsonObject("payload").getInt("count") == MEMBERS) {
          sawEveryone.complete(null);
        }
      }
    }
  }

  @Test
  void aJoinBurstCostsEachMemberAFewFramesNotOnePerJoiner() throws Exception {
    String room = "entity:Hall:" + UUID.randomUUID();
    List<Member> members = new java.util.concurrent.CopyOnWriteArrayList<>();
    ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    try {
      // what a live client sends, for all members from one thread from the first connection on:
      // a presence heartbeat each second (before the join it only shows the socket is alive)
      String presenceHeartbeat = "{\"type\":\"presence:heartbeat\",\"resource\":\"" + room + "\"}";
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
      for (int batch = 0; batch < MEMBERS; batch += 100) {
        for (int i = batch; i < batch + 100; i++) {
          members.add(new Member());
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
                              .ws("/api/ws?access_token=" + TestTokens.token("m" + i, "user")),
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
        member.sendText("{\"type\":\"presence:join\",\"resource\":\"" + room + "\"}");
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
      assertEquals(MEMBERS, present.getInt("count"));
      // the last coalesced frame tells every member (but the last joiners, whose own sync said
      // so) that all are present
      CompletableFuture.allOf(
              members.subList(0, MEMBERS - 100).stream()
                  .map(m -> m.sawEveryone)
                  .toArray(CompletableFuture[]::new))
          .get(1, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - start) / 1e9;
      int total = members.stream().mapToInt(m -> m.presenceFrames.get()).sum();
      int most = members.stream().mapToInt(m -> m.presenceFrames.get()).max().orElse(0);
      double perMember = (double) total / MEMBERS;
      LOG.info(
          String.format(
              "Presence burst: %d members joined in %.1f s; %.1f presence frames per member"
                  + " (most %d), against %d without coalescing",
              MEMBERS, seconds, perMember, most, MEMBERS - 1));
      // coalescing bound: at most one frame per 100 ms window of the burst, plus the settling
      long bound = Math.round(seconds * 10) + 10;
      assertTrue(most <= bound, "a member got " + most + " frames; bound " + bound);
      assertTrue(perMember < MEMBERS / 20.0, "frames per member grow with the room: " + perMember);
    } finally {
      heartbeats.shutdownNow();
      members.forEach(
          m -> {
            if (m.socket != null) {
              m.socket.abort();
            }
          });
    }
  }
}
