package io.syncline.change;

import static io.syncline.testing.Rest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Frames;
import io.syncline.testing.Rest;
import io.syncline.testing.ServerProcess;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 8 writers × 500 changes while a subscriber drops its connection at random points and catches up
 * with {@code sync}: it must end holding every change exactly once, in version order, equal to the
 * database. Run against each supported database by a subclass.
 */
abstract class ConcurrentWritersContract {

  private static final int WRITERS = 8;
  private static final int RECORDS_PER_WRITER = 100;
  private static final int UPDATES_PER_RECORD = 4; // 100 × (1 create + 4 updates) = 500 each

  /** One change as the subscriber applied it. */
  record Applied(long version, String entityId, String action, JsonObject data) {}

  abstract ServerProcess server();

  @Test
  void everyChangeArrivesExactlyOnceInOrderAcrossReconnects() throws Exception {
    Rest rest = new Rest(server()::http);
    String entity = "Load" + UUID.randomUUID().toString().substring(0, 8);
    long start =
        body(rest.get("/api/entities/" + entity), 200).getJsonNumber("version").longValue();

    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      done.add(writers.submit(() -> write(rest, entity, writer)));
    }
    writers.shutdown();

    List<Applied> applied = new ArrayList<>();
    Random random = new Random(42);
    long[] last = {start};
    int reconnects = 0;
    int total = WRITERS * RECORDS_PER_WRITER * (1 + UPDATES_PER_RECORD);
    while (applied.size() < total) {
      try (WsClient client =
          WsClient.connect(server().ws(WsClient.withToken("/api/ws", TestTokens.TESTER)))) {
        client.expect("connection:established");
        client.send(Frames.subscribe("entity:" + entity));
        client.expect("subscribed");
        List<JsonObject> buffered = catchUp(client, entity, last, applied);
        buffered.forEach(frame -> applyLive(frame, last, applied));
        int frames = 1 + random.nextInt(300);
        for (int i = 0; i < frames && applied.size() < total; i++) {
          try {
            applyLive(client.next(), last, applied);
          } catch (AssertionError e) {
            throw new AssertionError(
                e.getMessage()
                    + "; applied through "
                    + last[0]
                    + ", server "
                    + rest.get("/api/sync/status").body(),
                e);
          }
        }
      }
      reconnects++;
    }
    for (Future<?> writer : done) {
      writer.get(1, TimeUnit.MINUTES); // surfaces a writer's failure
    }

    List<Applied> database = new ArrayList<>();
    long since = start;
    boolean more = true;
    while (more) {
      JsonObject page = body(rest.get("/api/sync/" + entity + "?since=" + since), 200);
      for (JsonValue value : page.getJsonArray("changes")) {
        JsonObject change = value.asJsonObject();
        database.add(
            new Applied(
                change.getJsonNumber("version").longValue(),
                change.getString("entityId"),
                change.getString("action"),
                withoutId(change.getJsonObject("data"))));
      }
      since = page.getJsonNumber("lastVersion").longValue();
      more = page.getBoolean("hasMore");
    }
    assertEquals(total, database.size());
    assertEquals(database, applied);
    assertTrue(reconnects > 1, "the subscriber never reconnected");
  }

  private static void write(Rest rest, String entity, int writer) {
    for (int r = 0; r < RECORDS_PER_WRITER; r++) {
      String id = "w" + writer + "-" + r;
      body(rest.post("/api/entities/" + entity, Frames.object("id", id, "n", 0).toString()), 201);
      for (int u = 1; u <= UPDATES_PER_RECORD; u++) {
        body(
            rest.patch(
                "/api/entities/" + entity + "/" + id, Frames.object("n", u).toString(), null),
            200);
      }
    }
  }

  /** Syncs from the last applied version; returns the live frames that arrived meanwhile. */
  private static List<JsonObject> catchUp(
      WsClient client, String entity, long[] last, List<Applied> applied) {
    List<JsonObject> live = new ArrayList<>();
    boolean more = true;
    while (more) {
      client.send(Frames.sync("s", entity, last[0]));
      while (true) {
        JsonObject frame = client.next();
        String type = frame.getString("type");
        if (type.equals("change")) {
          JsonObject change = frame.getJsonObject("payload").getJsonObject("change");
          apply(
              new Applied(
                  change.getJsonNumber("version").longValue(),
                  change.getString("entityId"),
                  change.getString("action"),
                  withoutId(change.getJsonObject("data"))),
              last,
              applied);
        } else if (type.equals("sync:complete")) {
          more = frame.getJsonObject("payload").getBoolean("hasMore");
          break;
        } else {
          live.add(frame);
        }
      }
    }
    return live;
  }

  private static void applyLive(JsonObject frame, long[] last, List<Applied> applied) {
    long version = frame.getJsonNumber("version").longValue();
    if (version <= last[0]) {
      return; // already applied from the catch-up
    }
    String action = frame.getString("type").substring("entity:".length());
    JsonObject payload = frame.getJsonObject("payload");
    apply(
        new Applied(
            version,
            payload.getString("id"),
            action.equals("created") ? "create" : action.equals("updated") ? "update" : "delete",
            withoutId(payload)),
        last,
        applied);
  }

  private static void apply(Applied change, long[] last, List<Applied> applied) {
    assertEquals(last[0] + 1, change.version(), "a change was missed or repeated");
    applied.add(change);
    last[0] = change.version();
  }

  private static JsonObject withoutId(JsonObject data) {
    return data == null ? null : Json.createObjectBuilder(data).remove("id").build();
  }
}
