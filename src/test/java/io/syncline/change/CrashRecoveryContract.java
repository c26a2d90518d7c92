package io.syncline.change;

import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Rest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Database;
import io.syncline.testing.Frames;
import io.syncline.testing.Rest;
import io.syncline.testing.ServerProcess;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} in the middle of a write burst: 4 writers (two over REST, two pushing over the
 * socket) and 2 subscribers; the server is killed after a few hundred acknowledged writes and
 * started again on the same database. Every acknowledged write must then be there exactly once, the
 * versions gap-free and increasing across the restart, retried mutations applied once, and both
 * subscribers must catch up with {@code sync} to exactly the log. Run per database by a subclass.
 */
abstract class CrashRecoveryContract {

  private static final String ENTITY = "Crash";
  private static final int ACKS_BEFORE_KILL = 300;
  private static final int WRITES_AFTER_RESTART = 25;
  private static final Duration LIMIT = Duration.ofMinutes(3);

  /** The database the server is killed over; it must outlive the server process. */
  abstract Database database();

  /** A name for the server's log. */
  abstract String name();

  private volatile ServerProcess server;

  @Test
  void aKilledServerLosesNoAcknowledgedWriteAndClientsCatchUp() throws Exception {
    server = SuiteServer.start(name(), database(), SuiteServer.GENEROUS_LIMITS);
    try {
      List<Writer> writers =
          List.of(new RestWriter(0), new RestWriter(1), new PushWriter(2), new PushWriter(3));
      List<Subscriber> subscribers = List.of(new Subscriber(), new Subscriber());
      AtomicInteger acknowledged = new AtomicInteger();

      ExecutorService pool = Executors.newFixedThreadPool(writers.size() + subscribers.size());
      List<Future<?>> running = new ArrayList<>();
      subscribers.forEach(s -> running.add(pool.submit(s::followUntilClosed)));
      writers.forEach(w -> running.add(pool.submit(() -> w.writeUntilFailure(acknowledged))));
      awaitAtLeast(acknowledged, ACKS_BEFORE_KILL);
      server.kill();
      for (Future<?> stopped : running) {
        stopped.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
      }
      assertTrue(writers.stream().allMatch(w -> !w.acked.isEmpty()), "every writer wrote");

      server = SuiteServer.start(name(), database(), SuiteServer.GENEROUS_LIMITS);
      running.clear();
      writers.forEach(w -> running.add(pool.submit(w::retryAndContinue)));
      for (Future<?> done : running) {
        done.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
      }
      List<JsonObject> log = changesSince(0);
      long head = log.get(log.size() - 1).getJsonNumber("version").longValue();
      running.clear();
      subscribers.forEach(s -> running.add(pool.submit(() -> s.catchUpThrough(head))));
      for (Future<?> done : running) {
        done.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
      }
      pool.shutdownNow();

      for (int i = 0; i < log.size(); i++) {
        assertEquals(
            i + 1L,
            log.get(i).getJsonNumber("version").longValue(),
            "versions are gap-free and increasing across the restart");
      }
      Map<String, Integer> creates = new HashMap<>();
      log.forEach(change -> creates.merge(change.getString("entityId"), 1, Integer::sum));
      for (Writer writer : writers) {
        for (Map.Entry<String, Long> ack : writer.acked.entrySet()) {
          assertEquals(
              1, creates.getOrDefault(ack.getKey(), 0), ack.getKey() + " is in the log once");
          assertEquals(
              200,
              new Rest(server::http)
                  .get("/api/entities/" + ENTITY + "/" + ack.getKey())
                  .statusCode());
        }
      }
      assertEquals(
          writers.stream().mapToInt(w -> w.acked.size()).sum(),
          log.size(),
          "the log holds the acknowledged writes and nothing else");
      List<Long> versions = log.stream().map(c -> c.getJsonNumber("version").longValue()).toList();
      for (Subscriber subscriber : subscribers) {
        assertEquals(versions, subscriber.seen, "a subscriber saw every change exactly once");
      }
    } finally {
      server.close();
    }
  }

  private List<JsonObject> changesSince(long since) {
    Rest rest = new Rest(server::http);
    List<JsonObject> changes = new ArrayList<>();
    boolean more = true;
    while (more) {
      JsonObject page = body(rest.get("/api/sync/" + ENTITY + "?since=" + since), 200);
      page.getJsonArray("changes").forEach(change -> changes.add(change.asJsonObject()));
      since = page.getJsonNumber("lastVersion").longValue();
      more = page.getBoolean("hasMore");
    }
    return changes;
  }

  private static void awaitAtLeast(AtomicInteger count, int target) {
    Instant deadline = Instant.now().plus(LIMIT);
    while (count.get() < target) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("only " + count.get() + " writes acknowledged in " + LIMIT);
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // poll interval
    }
  }

  /** One writer: what was acknowledged (id → version), and what was sent but not. */
  private abstract class Writer {
    final Map<String, Long> acked = Collections.synchronizedMap(new HashMap<>());
    final List<String> unacknowledged = new ArrayList<>();
    final int number;
    int next;

    Writer(int number) {
      this.number = number;
    }

    String nextId() {
      return "w" + number + "-" + next++;
    }

    /** Writes until the server dies; what was in flight then is unacknowledged. */
    void writeUntilFailure(AtomicInteger acknowledged) {
      try (Connection connection = connect()) {
        while (true) {
          String id = nextId();
          Long version = connection.create(id);
          if (version == null) {
            unacknowledged.add(id);
            return;
          }
          acked.put(id, version);
          acknowledged.incrementAndGet();
        }
      }
    }

    /** After the restart: the unacknowledged writes again (as retries), then a few more. */
    void retryAndContinue() {
      try (Connection connection = connect()) {
        for (String id : unacknowledged) {
          acked.put(id, require(connection.retry(id), id));
        }
        for (int i = 0; i < WRITES_AFTER_RESTART; i++) {
          String id = nextId();
          acked.put(id, require(connection.create(id), id));
        }
      }
    }

    private Long require(Long version, String id) {
      if (version == null) {
        throw new AssertionError(id + " was not acknowledged by the restarted server");
      }
      return version;
    }

    abstract Connection connect();
  }

  /** A way to create records: returns the version acknowledged, or null if the server died. */
  private interface Connection extends AutoCloseable {
    Long create(String id);

    /** The same write sent again, as a client does after it lost the answer. */
    Long retry(String id);

    @Override
    void close();
  }

  private final class RestWriter extends Writer {
    RestWriter(int number) {
      super(number);
    }

    @Override
    Connection connect() {
      Rest rest = new Rest(server::http, TestTokens.token("rest-writer", "user", "service"));
      return new Connection() {
        @Override
        public Long create(String id) {
          try {
            JsonObject created =
                body(rest.post("/api/entities/" + ENTITY, object("id", id).toString()), 201);
            return created.getJsonNumber("version").longValue();
          } catch (AssertionError e) {
            if (e.getCause() instanceof IOException) {
              return null; // the server died with the request in flight
            }
            throw e;
          }
        }

        @Override
        public Long retry(String id) {
          var response = rest.post("/api/entities/" + ENTITY, object("id", id).toString());
          if (response.statusCode() == 409) { // it had been written before the crash
            return body(rest.get("/api/entities/" + ENTITY + "/" + id), 200)
                .getJsonNumber("version")
                .longValue();
          }
          return body(response, 201).getJsonNumber("version").longValue();
        }

        @Override
        public void close() {}
      };
    }
  }

  private final class PushWriter extends Writer {
    PushWriter(int number) {
      super(number);
    }

    @Override
    Connection connect() {
      WsClient client =
          WsClient.connect(
              server.ws(WsClient.withToken("/api/ws", TestTokens.token("pusher", "user"))));
      client.expect("connection:established");
      return new Connection() {
        @Override
        public Long create(String id) {
          if (!client.trySend(push(id))) {
            return null;
          }
          JsonObject answer = client.nextOrClose();
          if (answer == null) {
            return null;
          }
          assertEquals("push_ack", answer.getString("type"), answer::toString);
          return answer.getJsonObject("payload").getJsonNumber("version").longValue();
        }

        @Override
        public Long retry(String id) {
          return create(id);
        }

        @Override
        public void close() {
          client.close();
        }
      };
    }

    /** A create with a mutation id of its own, the same on every retry. */
    private String push(String id) {
      return Frames.push(id, ENTITY, id, "create", object("by", "push"), "mutationId", "m-" + id);
    }
  }

  /**
   * A subscriber of {@code entity:Crash} as a client following the protocol: subscribe, sync from
   * the last version applied (buffering live frames meanwhile), then apply live frames newer than
   * that. It records the versions it applied and fails on a gap or a repeated live frame.
   */
  private final class Subscriber {
    final List<Long> seen = new ArrayList<>();
    private final Set<Long> live = new HashSet<>();

    /** Catches up, then follows live frames until the server dies. */
    void followUntilClosed() {
      try (WsClient client = subscribe()) {
        catchUp(client).forEach(this::applyLive);
        for (JsonObject frame = client.nextOrClose(); frame != null; frame = client.nextOrClose()) {
          applyLive(frame);
        }
      }
    }

    /** After the restart: subscribes again and catches up to {@code head}. */
    void catchUpThrough(long head) {
      try (WsClient client = subscribe()) {
        catchUp(client).forEach(this::applyLive);
        assertEquals(head, last(), "caught up to the head of the log");
      }
    }

    /** Syncs from the last version applied; returns the live frames that came meanwhile. */
    private List<JsonObject> catchUp(WsClient client) {
      List<JsonObject> buffered = new ArrayList<>();
      boolean more = true;
      while (more) {
        client.send(Frames.sync("s", ENTITY, last()));
        for (JsonObject frame = client.next(); ; frame = client.next()) {
          String type = frame.getString("type");
          if (type.equals("sync:complete")) {
            more = frame.getJsonObject("payload").getBoolean("hasMore");
            break;
          }
          if (type.equals("change")) {
            apply(frame.getJsonNumber("version").longValue());
          } else {
            buffered.add(frame);
          }
        }
      }
      return buffered;
    }

    private void applyLive(JsonObject frame) {
      long version = frame.getJsonNumber("version").longValue();
      assertTrue(live.add(version), "version " + version + " was delivered live twice");
      if (version > last()) {
        apply(version);
      }
    }

    private void apply(long version) {
      assertEquals(last() + 1, version, "a change was missed or repeated");
      seen.add(version);
    }

    private long last() {
      return seen.isEmpty() ? 0 : seen.get(seen.size() - 1);
    }

    private WsClient subscribe() {
      WsClient client =
          WsClient.connect(server.ws(WsClient.withToken("/api/ws", TestTokens.TESTER)));
      client.expect("connection:established");
      client.send(Frames.subscribe("entity:" + ENTITY));
      client.expect("subscribed");
      return client;
    }
  }
}
