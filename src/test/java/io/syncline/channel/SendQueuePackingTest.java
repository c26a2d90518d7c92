package io.syncline.channel;

import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.CloseCode;
import io.syncline.testing.Frames;
import io.syncline.websocket.EnvelopeEncoder;
import io.syncline.websocket.FlatEncoder;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A connection's backlog goes out as one batch:update frame, in order, for the envelope only. */
class SendQueuePackingTest {

  private static String frame(int i) {
    return Frames.frame("broadcast", "channel", "component:a", "payload", object("n", i));
  }

  @Test
  void aBacklogIsPackedIntoOneBatchInOrder() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    SendQueue queue = new SendQueue(transport, 10, EnvelopeEncoder.INSTANCE);
    IntStream.range(0, 4).forEach(i -> queue.offer(frame(i)));
    assertEquals(List.of(frame(0)), transport.sent, "the first frame goes alone, at once");
    transport.release();
    assertEquals(2, transport.sent.size());
    JsonObject batch = json(transport.sent.get(1));
    assertEquals("batch:update", batch.getString("type"));
    assertTrue(batch.containsKey("timestamp"));
    JsonObject payload = batch.getJsonObject("payload");
    assertFalse(payload.getString("batchId").isEmpty());
    JsonArray updates = payload.getJsonArray("updates");
    assertEquals(3, updates.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(json(frame(i + 1)), updates.getJsonObject(i), "each update is the whole frame");
    }
    assertEquals(0, queue.size());
  }

  @Test
  void fanOutFramesQueuedBeforeTheWriterRunsGoOutAsOneBatch() {
    FakeTransport transport = new FakeTransport();
    List<Runnable> writer = new ArrayList<>();
    SendQueue queue = new SendQueue(transport, 10, EnvelopeEncoder.INSTANCE, writer::add);
    IntStream.range(0, 3).forEach(i -> queue.offer(frame(i), true));
    assertEquals(List.of(), transport.sent, "a fan-out only wakes the writer");
    assertEquals(1, writer.size(), "one pending writer task per queue");
    writer.get(0).run();
    assertEquals(1, transport.sent.size());
    JsonArray updates =
        json(transport.sent.get(0)).getJsonObject("payload").getJsonArray("updates");
    assertEquals(3, updates.size());
    assertEquals(json(frame(2)), updates.getJsonObject(2));
  }

  @Test
  void aPageOfRepliesGoesOutInFewBatchesInOrder() {
    FakeTransport transport = new FakeTransport();
    int count = SendQueue.MAX_PACKED_FRAMES + 3;
    SendQueue queue = new SendQueue(transport, count, EnvelopeEncoder.INSTANCE);
    List<String> page = IntStream.range(0, count).mapToObj(SendQueuePackingTest::frame).toList();
    assertTrue(queue.offerAll(page, false));
    assertEquals(2, transport.sent.size(), "one send per packed batch, not one per frame");
    List<JsonObject> unpacked = new ArrayList<>();
    transport.sent.forEach(
        sent ->
            json(sent)
                .getJsonObject("payload")
                .getJsonArray("updates")
                .forEach(update -> unpacked.add(update.asJsonObject())));
    assertEquals(page.stream().map(SendQueuePackingTest::json).toList(), unpacked);
  }

  @Test
  void aPageOfRepliesGoesOutOneByOneWhereTheDialectDoesNotPack() {
    FakeTransport transport = new FakeTransport();
    SendQueue queue = new SendQueue(transport, 10, FlatEncoder.INSTANCE);
    List<String> page = IntStream.range(0, 3).mapToObj(SendQueuePackingTest::frame).toList();
    assertTrue(queue.offerAll(page, false));
    assertEquals(page, transport.sent);
  }

  @Test
  void aPageLargerThanTheQueueIsRefused() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    SendQueue queue = new SendQueue(transport, 2, FlatEncoder.INSTANCE);
    List<String> page = IntStream.range(0, 4).mapToObj(SendQueuePackingTest::frame).toList();
    assertFalse(queue.offerAll(page, false));
  }

  @Test
  void aConnectionsOwnRepliesAreWrittenAtOnce() {
    FakeTransport transport = new FakeTransport();
    List<Runnable> writer = new ArrayList<>();
    SendQueue queue = new SendQueue(transport, 10, EnvelopeEncoder.INSTANCE, writer::add);
    queue.offer(frame(0), false);
    assertEquals(List.of(frame(0)), transport.sent);
    assertEquals(List.of(), writer);
  }

  @Test
  void aSingleQueuedFrameIsSentAsItIs() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    SendQueue queue = new SendQueue(transport, 10, EnvelopeEncoder.INSTANCE);
    queue.offer(frame(0));
    queue.offer(frame(1));
    transport.release();
    assertEquals(List.of(frame(0), frame(1)), transport.sent);
  }

  @Test
  void theFlatDialectIsNeverPacked() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    SendQueue queue = new SendQueue(transport, 10, FlatEncoder.INSTANCE);
    IntStream.range(0, 4).forEach(i -> queue.offer(frame(i)));
    transport.release();
    assertEquals(
        IntStream.range(0, 4).mapToObj(SendQueuePackingTest::frame).toList(), transport.sent);
  }

  @Test
  void aBatchIsBoundedAndTheRestFollowsInOrder() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    int count = SendQueue.MAX_PACKED_FRAMES + 10;
    SendQueue queue = new SendQueue(transport, count + 1, EnvelopeEncoder.INSTANCE);
    IntStream.range(0, count + 1).forEach(i -> queue.offer(frame(i)));
    transport.release();
    assertEquals(3, transport.sent.size());
    assertEquals(
        SendQueue.MAX_PACKED_FRAMES,
        json(transport.sent.get(1)).getJsonObject("payload").getJsonArray("updates").size());
    JsonArray rest = json(transport.sent.get(2)).getJsonObject("payload").getJsonArray("updates");
    assertEquals(10, rest.size());
    assertEquals(json(frame(count)), rest.getJsonObject(9));
  }

  @Test
  void theQueueBoundStillCountsFramesAndDropsSlowConsumers() {
    FakeTransport transport = new FakeTransport();
    transport.stalled = true;
    SendQueue queue = new SendQueue(transport, 2, EnvelopeEncoder.INSTANCE);
    assertTrue(queue.offer(frame(0)));
    assertTrue(queue.offer(frame(1)));
    assertTrue(queue.offer(frame(2)));
    assertFalse(queue.offer(frame(3)), "a full queue refuses, packed or not");
    queue.abort(CloseCode.SLOW_CONSUMER, "slow");
    assertEquals(CloseCode.SLOW_CONSUMER, transport.closedWith);
  }

  @Test
  void subscribersBehindByTheSameBroadcastsGetOneBatchAndOthersTheirOwn() {
    List<String> broadcasts = IntStream.range(0, 4).mapToObj(SendQueuePackingTest::frame).toList();
    String own = frame(9);
    List<List<String>> queued =
        List.of(
            broadcasts,
            broadcasts,
            // as long, one text of its own in place of a broadcast
            List.of(broadcasts.get(0), broadcasts.get(1), own, broadcasts.get(3)),
            // equal texts, but other objects: not the same broadcasts
            broadcasts.stream().map(String::new).toList());
    List<FakeTransport> transports = new ArrayList<>();
    for (List<String> texts : queued) {
      FakeTransport transport = new FakeTransport();
      transport.stalled = true;
      SendQueue queue = new SendQueue(transport, 10, EnvelopeEncoder.INSTANCE);
      texts.forEach(queue::offer);
      transports.add(transport);
    }
    transports.forEach(FakeTransport::release);
    List<String> batches = transports.stream().map(t -> t.sent.get(1)).toList();
    assertSame(batches.get(0), batches.get(1), "one packing for the same backlog");
    assertNotSame(batches.get(1), batches.get(2));
    assertNotSame(batches.get(2), batches.get(3));
    assertNotSame(batches.get(1), batches.get(3));
    for (int q = 0; q < queued.size(); q++) {
      assertEquals(
          queued.get(q).subList(1, 4).stream().map(SendQueuePackingTest::json).toList(),
          updates(batches.get(q)),
          "each subscriber gets its own backlog, in order");
    }
  }

  private static List<JsonObject> updates(String batch) {
    return json(batch).getJsonObject("payload").getJsonArray("updates").stream()
        .map(JsonValue::asJsonObject)
        .toList();
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
