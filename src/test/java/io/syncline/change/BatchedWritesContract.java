package io.syncline.change;

import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.field;
import static io.syncline.testing.Frames.object;
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
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Writes committed together (a group commit of pushes, a REST batch) reach the database together at
 * the end of their transaction, and on a database server what they look up is read for all of them
 * at once: each write must still see what the writes before it in the same transaction did. Run
 * against each supported database by a subclass.
 */
abstract class BatchedWritesContract {

  private static final int RECORDS = 20;

  abstract ServerProcess server();

  private Rest rest() {
    return new Rest(server()::http);
  }

  private WsClient client() {
    WsClient client =
        WsClient.connect(server().ws(WsClient.withToken("/api/ws", TestTokens.TESTER)));
    client.expect("connection:established");
    return client;
  }

  private static String entity(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void pushesCommittedTogetherSeeTheRecordsAndMutationIdsOfThoseBeforeThem() {
    String entity = entity("Burst");
    Rest rest = rest();
    long start = lastVersion(rest, entity);
    long transactionsBefore = groupCommits(rest);
    // 2,000 fields, each stamped: a commit slow enough that the pushes after it wait together
    JsonObjectBuilder wide = Json.createObjectBuilder();
    for (int f = 0; f < 2000; f++) {
      wide.add("f" + f, f);
    }
    List<String> order = new ArrayList<>();
    try (WsClient client = client()) {
      client.send(Frames.push("wide", entity, "wide", "create", wide.build()));
      order.add("wide");
      for (int i = 0; i < RECORDS; i++) {
        client.send(
            Frames.push(
                "c" + i, entity, "r" + i, "create", object("n", 0), "mutationId", "c-" + i));
        order.add("c" + i);
      }
      for (int i = 0; i < RECORDS; i++) {
        client.send(
            Frames.push(
                "u" + i, entity, "r" + i, "update", object("n", 1), "mutationId", "u-" + i));
        order.add("u" + i);
      }
      client.send(
          Frames.push("again", entity, "r0", "create", object("n", 0), "mutationId", "c-0"));
      order.add("again");

      List<Long> versions = new ArrayList<>();
      for (String requestId : order) {
        JsonObject ack = client.expect("push_ack");
        assertEquals(requestId, ack.getString("requestId"), "acked in the order pushed");
        versions.add(ack.getJsonObject("payload").getJsonNumber("version").longValue());
      }
      for (int i = 0; i < RECORDS; i++) {
        long created = versions.get(1 + i);
        long updated = versions.get(1 + RECORDS + i);
        assertTrue(updated > created, "r" + i + " updated at " + updated + " after " + created);
      }
      assertEquals(versions.get(1), versions.get(versions.size() - 1), "the retry's first answer");
    }
    for (int i = 0; i < RECORDS; i++) {
      JsonObject record = body(rest.get("/api/entities/" + entity + "/r" + i), 200);
      assertEquals(object("n", 1), record.getJsonObject("data"), "r" + i);
    }
    JsonObject changes = body(rest.get("/api/sync/" + entity + "?since=" + start), 200);
    assertEquals(1 + 2 * RECORDS, changes.getJsonArray("changes").size(), "the retry changed none");
    long transactions = groupCommits(rest) - transactionsBefore;
    assertTrue(
        transactions < order.size(),
        order.size()
            + " pushes took "
            + transactions
            + " transactions: none were committed together");
  }

  @Test
  void aBatchThatWritesOneRecordThreeTimesLeavesTheLastWritesFieldsAndStamps() {
    String entity = entity("Memo");
    Rest rest = rest();
    long start = lastVersion(rest, entity);
    JsonObject results =
        body(
            rest.post(
                "/api/entities/" + entity + "/batch",
                object(
                        "operations",
                        array(
                            object(
                                "action",
                                "create",
                                "id",
                                "m1",
                                "data",
                                object("title", "a", "body", "b")),
                            object("action", "patch", "id", "m1", "data", object("title", "c")),
                            object("action", "patch", "id", "m1", "data", object("body", "d"))))
                    .toString()),
            200);
    List<Long> versions =
        results.getJsonArray("results").stream()
            .map(r -> r.asJsonObject().getJsonNumber("version").longValue())
            .toList();
    long created = versions.get(0);
    assertEquals(List.of(created, created + 1, created + 2), versions);
    JsonObject stored = body(rest.get("/api/entities/" + entity + "/m1"), 200);
    assertEquals(object("title", "c", "body", "d"), stored.getJsonObject("data"));
    assertEquals(created + 2, stored.getJsonNumber("version").longValue());

    List<JsonValue> changes =
        body(rest.get("/api/sync/" + entity + "?since=" + start), 200).getJsonArray("changes");
    assertEquals(3, changes.size());
    long lastAt =
        Instant.parse(changes.get(2).asJsonObject().getString("timestamp")).toEpochMilli();
    try (WsClient fields = client()) {
      // judged against the stamp the batch's last write left on "body"
      fields.send(pushFields("older", entity, "m1", field("body", "older", "set", lastAt - 1)));
      assertEquals(1, conflicts(fields, "older"), "an older field push loses");
      fields.send(pushFields("newer", entity, "m1", field("body", "newer", "set", lastAt + 1)));
      assertEquals(0, conflicts(fields, "newer"), "a newer one wins");
    }
    assertEquals(
        object("title", "c", "body", "newer"),
        body(rest.get("/api/entities/" + entity + "/m1"), 200).getJsonObject("data"));
  }

  private static String pushFields(String requestId, String entity, String id, JsonObject field) {
    return envelope(
        "push_fields", requestId, object("entity", entity, "entityId", id, "fields", array(field)));
  }

  /** The field conflicts reported up to the field push's acknowledgement. */
  private static int conflicts(WsClient client, String requestId) {
    int conflicts = 0;
    for (; ; ) {
      JsonObject frame = client.next();
      String type = frame.getString("type");
      if (type.equals("field_conflict")) {
        conflicts++;
      } else if (type.equals("field_push_ack")
          && requestId.equals(frame.getString("requestId", null))) {
        return conflicts;
      }
    }
  }

  private static long lastVersion(Rest rest, String entity) {
    return body(rest.get("/api/entities/" + entity), 200).getJsonNumber("version").longValue();
  }

  /** How many group-commit transactions the server has run, from its metrics. */
  private static long groupCommits(Rest rest) {
    Matcher count =
        Pattern.compile("(?m)^syncline_group_commit_batch_size_count (\\S+)$")
            .matcher(rest.get("/metrics").body());
    assertTrue(count.find(), "the metric is exposed");
    return (long) Double.parseDouble(count.group(1));
  }
}
