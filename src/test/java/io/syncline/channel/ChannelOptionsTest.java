package io.syncline.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.EntityChangeFrame;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.RequestIds;
import io.syncline.security.Caller;
import io.syncline.websocket.EnvelopeEncoder;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelOptionsTest {

  private final ChannelManager manager = new ChannelManager();
  private final FakeTransport socket = new FakeTransport();
  private final Subscriber subscriber =
      new Subscriber(
          "c1", new Caller("ada", Set.of(), null, null), EnvelopeEncoder.INSTANCE, socket, 100);

  /** Never runs its tasks: the tests flush by hand. */
  private final ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    idle.shutdownNow();
  }

  private static Outbound change(String id, ChangeAction action, long version, String status) {
    JsonObject data =
        action == ChangeAction.DELETE
            ? null
            : Json.createObjectBuilder().add("status", status).build();
    Change change = new Change("Task", id, action, data, version, Instant.EPOCH, "bob");
    return new Outbound(new EntityChangeFrame(change), "entity:Task", RequestIds.NONE, version);
  }

  private void subscribe(JsonObject filters, long throttle) {
    subscriber.options("entity:Task", new ChannelOptions("entity:Task", filters, throttle, idle));
    manager.add(subscriber, "entity:Task");
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void filtersLetOnlyMatchingRecordsAndEveryDeleteThrough() {
    subscribe(Json.createObjectBuilder().add("status", "open").build(), 0);
    manager.publish("entity:Task", change("1", ChangeAction.CREATE, 1, "open"), s -> true);
    manager.publish("entity:Task", change("2", ChangeAction.CREATE, 2, "done"), s -> true);
    manager.publish("entity:Task", change("3", ChangeAction.DELETE, 3, null), s -> true);
    List<Long> versions =
        socket.sent.stream().map(t -> json(t).getJsonNumber("version").longValue()).toList();
    assertEquals(List.of(1L, 3L), versions);
  }

  @Test
  void throttlingKeepsTheLatestFrameOfEachRecordInVersionOrderAndLosesNoDelete() {
    subscribe(null, 500);
    manager.publish("entity:Task", change("a", ChangeAction.CREATE, 1, "open"), s -> true);
    manager.publish("entity:Task", change("b", ChangeAction.CREATE, 2, "open"), s -> true);
    manager.publish("entity:Task", change("a", ChangeAction.UPDATE, 3, "doing"), s -> true);
    manager.publish("entity:Task", change("b", ChangeAction.DELETE, 4, null), s -> true);
    manager.publish("entity:Task", change("a", ChangeAction.UPDATE, 5, "done"), s -> true);
    assertTrue(socket.sent.isEmpty(), "a throttled subscription sent before its window ended");
    subscriber.options("entity:Task").flush(subscriber);

    JsonObject batch = json(socket.sent.get(0));
    assertEquals("batch:update", batch.getString("type"));
    JsonArray updates = batch.getJsonObject("payload").getJsonArray("updates");
    assertEquals(
        List.of("entity:deleted 4", "entity:updated 5"),
        updates.stream()
            .map(u -> u.asJsonObject().getString("type") + " " + u.asJsonObject().getInt("version"))
            .collect(Collectors.toList()));
    assertEquals("done", updates.getJsonObject(1).getJsonObject("payload").getString("status"));
  }

  @Test
  void aPlainSubscriptionIsUntouched() {
    subscribe(null, 0);
    manager.publish("entity:Task", change("a", ChangeAction.CREATE, 1, "open"), s -> true);
    assertEquals(1, socket.sent.size());
    assertEquals(null, subscriber.options("entity:Task"));
  }
}
