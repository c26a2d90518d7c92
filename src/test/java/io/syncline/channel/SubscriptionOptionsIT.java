package io.syncline.channel;

import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Frames.subscribe;
import static io.syncline.testing.Rest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed 003's subscription options, end to end: filters, and throttle into batch:update. */
@ExtendWith(SuiteServer.class)
class SubscriptionOptionsIT {

  private final Rest rest = Rest.h2();

  private static String entity() {
    return "Opt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static WsClient subscribed(String subscribe) {
    WsClient client = WsClient.connect("/api/ws");
    client.expect("connection:established");
    client.send(subscribe);
    client.expect("subscribed");
    return client;
  }

  @Test
  void filtersDeliverOnlyMatchingRecordsButEveryDelete() {
    String entity = entity();
    try (WsClient open =
        subscribed(subscribe("entity:" + entity, "filters", object("status", "open")))) {
      body(
          rest.post("/api/entities/" + entity, object("id", "a", "status", "open").toString()),
          201);
      body(
          rest.post("/api/entities/" + entity, object("id", "b", "status", "done").toString()),
          201);
      assertEquals(204, rest.delete("/api/entities/" + entity + "/b", null).statusCode());
      assertEquals("a", open.expect("entity:created").getJsonObject("payload").getString("id"));
      assertEquals("b", open.expect("entity:deleted").getJsonObject("payload").getString("id"));
      open.expectNone(Duration.ofMillis(300));
    }
  }

  @Test
  void throttlingCoalescesIntoBatchesAndLosesNoFinalStateOrDelete() {
    String entity = entity();
    try (WsClient throttled = subscribed(subscribe("entity:" + entity, "throttle", 300))) {
      int writes = 0;
      for (String id : new String[] {"x", "y", "z"}) {
        body(rest.post("/api/entities/" + entity, object("id", id, "n", 0).toString()), 201);
        writes++;
      }
      for (int n = 1; n <= 10; n++) {
        for (String id : new String[] {"x", "y", "z"}) {
          body(
              rest.patch("/api/entities/" + entity + "/" + id, object("n", n).toString(), null),
              200);
          writes++;
        }
      }
      assertEquals(204, rest.delete("/api/entities/" + entity + "/y", null).statusCode());
      writes++;

      Map<String, JsonObject> state = new HashMap<>();
      long lastVersion = 0;
      int batches = 0;
      while (state.size() != 2
          || !state.containsKey("x")
          || state.get("x").getInt("n") != 10
          || state.get("z").getInt("n") != 10) {
        JsonObject batch = throttled.expect("batch:update").getJsonObject("payload");
        batches++;
        for (JsonValue update : batch.getJsonArray("updates")) {
          JsonObject frame = update.asJsonObject();
          long version = frame.getJsonNumber("version").longValue();
          assertTrue(version > lastVersion, "a batch went back in version order");
          lastVersion = version;
          String id = frame.getJsonObject("payload").getString("id");
          if (frame.getString("type").equals("entity:deleted")) {
            state.remove(id);
          } else {
            state.put(id, frame.getJsonObject("payload"));
          }
        }
      }
      assertTrue(batches < writes, batches + " batches for " + writes + " writes");
      assertEquals(
          10,
          body(rest.get("/api/entities/" + entity + "/x"), 200).getJsonObject("data").getInt("n"));
      assertEquals(404, rest.get("/api/entities/" + entity + "/y").statusCode());
    }
  }
}
