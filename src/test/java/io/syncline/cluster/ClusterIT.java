package io.syncline.cluster;

import static io.syncline.testing.Rest.body;
import static io.syncline.testing.WsClient.assertPayload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Database;
import io.syncline.testing.PayaraCluster;
import io.syncline.testing.Postgres;
import io.syncline.testing.Rest;
import io.syncline.testing.ServerProcess;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara Micro nodes in one Hazelcast cluster over one PostgreSQL (docs/cluster.md): clients on
 * either node see one server. Payara only (WildFly has no embedded cluster).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static Postgres postgres;
  private static PayaraCluster cluster;
  private static ServerProcess a;
  private static ServerProcess b;

  @BeforeAll
  static void startCluster() {
    postgres = Postgres.start();
    cluster =
        PayaraCluster.start(
            "cluster", 2, new Database.PostgreSql(postgres), SuiteServer.GENEROUS_LIMITS);
    a = cluster.node(0);
    b = cluster.node(1);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static WsClient client(ServerProcess node, String path) {
    WsClient client = WsClient.connect(node.ws(WsClient.withToken(path, TestTokens.TESTER)));
    client.expect("connection:established");
    return client;
  }

  private static WsClient subscribed(ServerProcess node, String path, String channel) {
    WsClient client = client(node, path);
    client.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
    client.expect("subscribed");
    return client;
  }

  private static String room() {
    return "entity:Room:" + UUID.randomUUID(); // a record channel: no room presence frames
  }

  @Test
  @Order(1)
  void aBroadcastOnOneNodeReachesSubscribersOnTheOtherInTheirDialect() {
    String room = room();
    try (WsClient alice = subscribed(a, "/api/ws", room);
        WsClient bob = subscribed(b, "/api/ws", room);
        WsClient flat = subscribed(b, "/api/ws?dialect=flat", room)) {
      for (int i = 0; i < 20; i++) {
        alice.send(
            "{\"type\":\"broadcast\",\"payload\":{\"channel\":\""
                + room
                + "\",\"event\":\"typing\",\"data\":{\"n\":"
                + i
                + "}}}");
      }
      for (int i = 0; i < 20; i++) {
        JsonObject relayed = bob.expect("broadcast");
        assertEquals(room, relayed.getString("channel"));
        assertPayload(relayed, "from", "tester");
        assertEquals(
            i,
            relayed.getJsonObject("payload").getJsonObject("data").getInt("n"),
            "frames arrive in the order the origin sent them");
        JsonObject flatRelay = flat.expect("broadcast");
        assertEquals(i, flatRelay.getJsonObject("data").getInt("n"));
      }
      alice.expectNone(Duration.ofMillis(300));
      bob.expectNone(Duration.ofMillis(300));
    }
  }

  @Test
  @Order(2)
  void aMessagePublishedOnOneNodeReachesSubscribersOnBoth() {
    String room = room();
    Rest restA = new Rest(a::http);
    try (WsClient onA = subscribed(a, "/api/ws", room);
        WsClient onB = subscribed(b, "/api/ws", room)) {
      for (int i = 0; i < 10; i++) {
        body(
            restA.post(
                "/api/channels/" + room + "/messages",
                "{\"type\":\"dashboard:update\",\"payload\":{\"value\":" + i + "}}"),
            202);
      }
      for (int i = 0; i < 10; i++) {
        assertEquals(i, onA.expect("dashboard:update").getJsonObject("payload").getInt("value"));
        assertEquals(i, onB.expect("dashboard:update").getJsonObject("payload").getInt("value"));
      }
      onB.expectNone(Duration.ofMillis(300));
    }
  }

  /**
   * 100 changes at about 100/s committed through A: a subscriber on B sees each once, in version
   * order; the delay from A's subscriber seeing a change to B's is printed.
   */
  @Test
  @Order(3)
  void changesCommittedThroughOneNodeReachTheOtherOnceInOrder() throws Exception {
    String entity = "Cl" + UUID.randomUUID().toString().substring(0, 8);
    String channel = "entity:" + entity;
    int count = 100;
    Rest restA = new Rest(a::http);
    try (WsClient onA = subscribed(a, "/api/ws", channel);
        WsClient onB = subscribed(b, "/api/ws", channel)) {
      Arrivals arrivalsA = new Arrivals(onA, count);
      Arrivals arrivalsB = new Arrivals(onB, count);
      arrivalsA.start();
      arrivalsB.start();
      long next = System.nanoTime();
      for (int i = 0; i < count; i++) {
        body(restA.post("/api/entities/" + entity, "{\"id\":\"r" + i + "\",\"n\":" + i + "}"), 201);
        next += TimeUnit.MILLISECONDS.toNanos(10);
        LockSupport.parkNanos(next - System.nanoTime()); // pacing: ~100 writes/s
      }
      arrivalsA.await(TimeUnit.SECONDS.toMillis(30));
      arrivalsB.await(TimeUnit.SECONDS.toMillis(30));
      assertEquals(count, arrivalsB.versions.size(), "B saw every change");
      List<Long> sorted = new ArrayList<>(arrivalsB.versions);
      Collections.sort(sorted);
      assertEquals(sorted, arrivalsB.versions, "B saw the changes in version order");
      assertEquals(arrivalsA.versions, arrivalsB.versions, "both nodes delivered the same changes");
      onB.expectNone(Duration.ofMillis(500)); // and nothing twice
      List<Long> delays = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        delays.add(arrivalsB.nanos.get(i) - arrivalsA.nanos.get(i));
      }
      Collections.sort(delays);
      System.out.printf(
          "cluster change delay A-subscriber -> B-subscriber over %d changes at ~100/s:"
              + " p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          count,
          delays.get(count / 2) / 1e6,
          delays.get((int) Math.ceil(count * 0.99) - 1) / 1e6,
          delays.get(count - 1) / 1e6);
    }
  }

  /**
   * B dies ({@code kill -9}) while changes are written through A; its client reconnects to A and
   * catches up with {@code sync} from the last version it saw: every change once, none lost.
   */
  @Test
  @Order(100)
  void whenANodeIsKilledItsClientsResumeOnTheOtherWithoutLossOrDuplicate() {
    String entity = "Kill" + UUID.randomUUID().toString().substring(0, 8);
    String channel = "entity:" + entity;
    Rest restA = new Rest(a::http);
    List<Long> seen = new ArrayList<>();
    long last = 0;
    try (WsClient onB = subscribed(b, "/api/ws", channel)) {
      for (int i = 0; i < 20; i++) {
        body(restA.post("/api/entities/" + entity, "{\"id\":\"k" + i + "\"}"), 201);
      }
      for (int i = 0; i < 10; i++) {
        long version = onB.expect("entity:created").getJsonNumber("version").longValue();
        seen.add(version);
        last = version;
      }
      b.kill();
      assertTrue(onB.awaitClose() > 0, "the killed node's client sees its socket close");
    }
    for (int i = 20; i < 30; i++) {
      body(restA.post("/api/entities/" + entity, "{\"id\":\"k" + i + "\"}"), 201);
    }
    try (WsClient resumed = client(a, "/api/ws")) {
      resumed.send(
          "{\"type\":\"sync\",\"requestId\":\"s\",\"entity\":\""
              + entity
              + "\",\"since\":"
              + last
              + "}");
      while (true) {
        JsonObject frame = resumed.next();
        if (frame.getString("type").equals("sync:complete")) {
          break;
        }
        assertEquals("change", frame.getString("type"), frame::toString);
        seen.add(
            frame
                .getJsonObject("payload")
                .getJsonObject("change")
                .getJsonNumber("version")
                .longValue());
      }
    }
    JsonObject log = body(new Rest(a::http).get("/api/sync/" + entity + "?since=0"), 200);
    List<Long> all = new ArrayList<>();
    log.getJsonArray("changes")
        .forEach(c -> all.add(c.asJsonObject().getJsonNumber("version").longValue()));
    assertEquals(30, all.size());
    assertEquals(all, seen, "every change once, in order, across the node's death");
  }

  /** Reads a client's entity frames on a thread of its own, noting when each arrived. */
  private static final class Arrivals extends Thread {
    final List<Long> versions = Collections.synchronizedList(new ArrayList<>());
    final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    private final WsClient client;
    private final int count;
    private volatile AssertionError failure;

    Arrivals(WsClient client, int count) {
      this.client = client;
      this.count = count;
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        while (versions.size() < count) {
          JsonObject frame = client.expect("entity:created");
          nanos.add(System.nanoTime());
          versions.add(frame.getJsonNumber("version").longValue());
        }
      } catch (AssertionError e) {
        failure = e;
      }
    }

    /** Waits for the reader to finish; rethrows what it failed with. */
    void await(long millis) throws InterruptedException {
      join(millis);
      if (failure != null) {
        throw failure;
      }
    }
  }
}
