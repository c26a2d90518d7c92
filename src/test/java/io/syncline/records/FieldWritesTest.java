package io.syncline.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.config.SynclineConfig;
import io.syncline.data.DatabaseProduct;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import jakarta.json.Json;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Field-level writes through the one write path, with the database replaced by fakes. */
class FieldWritesTest {

  private static final Caller ADA = new Caller("ada", Set.of("user"), null, null);
  private final ActorContext actors = new ActorContext();
  private final WriteFakes.Store store = new WriteFakes.Store(actors);
  private final WriteFakes.Policy policy = new WriteFakes.Policy();
  private final WriteFakes.Stamps stamps = new WriteFakes.Stamps();
  private final WriteService writes =
      new WriteService(
          store.stores(),
          store.changeLog(),
          store.queries(),
          policy,
          actors,
          new WriteFakes.MutationLog(),
          new WriteChecks(List.of()),
          stamps,
          new SynclineConfig(25_000, 50, 65_536, 1024),
          new DatabaseProduct("PostgreSQL"));
  private final long now = System.currentTimeMillis();

  private static FieldWrite set(String field, String value, long at) {
    return new FieldWrite(field, Json.createValue(value), false, at);
  }

  private FieldOutcome push(FieldWrite... fields) {
    return actors.runAs(ADA, () -> writes.writeFields("Doc", "1", List.of(fields)));
  }

  @Test
  void fieldsOfARecordThatDoesNotExistCreateItAsOneChange() {
    FieldOutcome outcome = push(set("a", "1", now), set("b", "2", now));
    assertEquals(2, outcome.applied().size());
    assertEquals(1L, outcome.version());
    assertEquals(Json.createObjectBuilder().add("a", "1").add("b", "2").build(), store.data("1"));
    assertEquals(now, stamps.get("1", "a").timestamp());
    assertEquals(1, stamps.get("1", "b").version());
  }

  @Test
  void twoWritersOfDifferentFieldsBothApply() {
    IntStream.range(0, 10).forEach(i -> push(set("left" + i, "L", now + i)));
    IntStream.range(0, 10).forEach(i -> push(set("right" + i, "R", now - 1000 + i)));
    assertEquals(20, store.data("1").size());
  }

  @Test
  void anOlderFieldLosesWithTheStoredValueWhileAnotherFieldOfThePushApplies() {
    push(set("title", "newer", now));
    FieldOutcome outcome = push(set("title", "older", now - 5), set("body", "text", now - 5));
    assertEquals(List.of("body"), outcome.applied().stream().map(FieldWrite::field).toList());
    FieldOutcome.Lost lost = outcome.conflicts().get(0);
    assertEquals("title", lost.pushed().field());
    assertEquals(Json.createValue("newer"), lost.serverValue());
    assertEquals(now, lost.serverTimestamp());
    assertEquals("newer", store.data("1").getString("title"));
    assertEquals("text", store.data("1").getString("body"));
  }

  @Test
  void aRetryOfTheSameFieldCountsAsAppliedAndWritesNothing() {
    push(set("title", "x", now));
    FieldOutcome again = push(set("title", "x", now));
    assertEquals(1, again.applied().size());
    assertNull(again.version());
    assertEquals(1, store.versions);
  }

  @Test
  void anUnsetFieldKeepsItsStampSoAnOlderSetCannotBringItBack() {
    push(set("title", "x", now - 10));
    push(new FieldWrite("title", null, true, now));
    assertFalse(store.data("1").containsKey("title"));
    assertTrue(stamps.get("1", "title").unset());
    FieldOutcome stale = push(set("title", "zombie", now - 5));
    assertEquals(1, stale.conflicts().size());
    assertNull(stale.conflicts().get(0).serverValue());
  }

  @Test
  void aWholeRecordWriteStampsTheFieldsItChangesWithItsCommitTime() {
    actors.runAs(
        ADA,
        () ->
            writes.write(
                new Write(
                    "Doc",
                    "1",
                    Write.Op.CREATE,
                    Json.createObjectBuilder().add("title", "t").add("body", "b").build(),
                    null,
                    Write.OnStale.REFUSE,
                    null)));
    long committed = stamps.get("1", "title").timestamp();
    assertTrue(committed >= now);
    actors.runAs(
        ADA,
        () ->
            writes.write(
                new Write(
                    "Doc",
                    "1",
                    Write.Op.PATCH,
                    Json.createObjectBuilder().add("title", "t").add("body", "c").build(),
                    null,
                    Write.OnStale.REFUSE,
                    null)));
    assertEquals(1, stamps.get("1", "title").version()); // unchanged: not stamped again
    assertEquals(2, stamps.get("1", "body").version());
    assertEquals(1, push(set("title", "late", committed - 1)).conflicts().size());
  }

  @Test
  void aTimestampTooFarAheadRefusesTheWholePush() {
    ProtocolException refused =
        assertThrows(
            ProtocolException.class,
            () -> push(set("a", "fine", now), set("b", "future", now + 120_000)));
    assertEquals(ErrorCode.BAD_MESSAGE, refused.code());
    assertTrue(refused.getMessage().contains("fields[1].timestamp"), refused.getMessage());
    assertNull(store.data("1"));
  }

  @Test
  void badFieldsAreRefusedNamingThem() {
    for (FieldWrite[] bad :
        List.of(
            new FieldWrite[] {set("id", "x", now)},
            new FieldWrite[] {set("a", "x", now), set("a", "y", now)},
            new FieldWrite[] {new FieldWrite("a", null, false, now)})) {
      ProtocolException refused = assertThrows(ProtocolException.class, () -> push(bad));
      assertEquals(ErrorCode.BAD_MESSAGE, refused.code());
      assertTrue(refused.getMessage().startsWith("field 'fields["), refused.getMessage());
    }
    assertEquals(0, store.versions);
  }

  @Test
  void aFieldPushThatThePolicyRefusesWritesNothing() {
    policy.ownerField = "owner";
    push(set("owner", "ada", now));
    Caller bob = new Caller("bob", Set.of("user"), null, null);
    ProtocolException forbidden =
        assertThrows(
            ProtocolException.class,
            () ->
                actors.runAs(
                    bob, () -> writes.writeFields("Doc", "1", List.of(set("x", "y", now + 1)))));
    assertEquals(ErrorCode.FORBIDDEN, forbidden.code());
    assertEquals(1, store.data("1").size());
  }
}
