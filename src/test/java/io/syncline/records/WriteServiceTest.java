package io.syncline.records;

import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.config.SynclineConfig;
import io.syncline.data.DatabaseProduct;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.records.Write.OnStale;
import io.syncline.records.Write.Op;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The one write path's rules, with the database and the container replaced by fakes. */
class WriteServiceTest {

  private final ActorContext actors = new ActorContext();
  private final WriteFakes.Store store = new WriteFakes.Store(actors);
  private final WriteFakes.Policy policy = new WriteFakes.Policy();
  private final List<String> checked = new ArrayList<>();
  private final WriteFakes.Stamps stamps = new WriteFakes.Stamps();
  private ConflictStrategy strategy = ConflictStrategy.MANUAL;
  private final WriteService writes =
      new WriteService(
              store.stores(),
              store.changeLog(),
              store.queries(),
              policy,
              actors,
              new WriteFakes.MutationLog(),
              new WriteChecks(
                  List.of(
                      (entity, id, next) -> {
                        checked.add(entity + "/" + id);
                        if (next.containsKey("invalid")) {
                          throw new ProtocolException(ErrorCode.VALIDATION_FAILED, "invalid");
                        }
                      })),
              stamps,
              new SynclineConfig(25_000, 50, 65_536, 1024),
              new DatabaseProduct("PostgreSQL"))
          .withStrategies(entity -> strategy);

  private static final Caller ADA = new Caller("ada", Set.of("user"), null, null);
  private static final Caller BOB = new Caller("bob", Set.of("user"), null, null);

  private <T> T as(Caller caller, Supplier<T> work) {
    return actors.runAs(caller, work);
  }

  private static Write rest(Op op, String id, JsonObject data, Long ifMatch) {
    return new Write("Doc", id, op, data, ifMatch, OnStale.REFUSE, null);
  }

  private static Write push(Op op, String id, JsonObject data, Long base, String mutationId) {
    return new Write("Doc", id, op, data, base, OnStale.STRATEGY, mutationId);
  }

  private WriteOutcome.Applied applied(Caller caller, Write write) {
    return assertInstanceOf(WriteOutcome.Applied.class, as(caller, () -> writes.write(write)));
  }

  @Test
  void aCreateWithoutAnIdGetsANewOneAndTheNextVersion() {
    WriteOutcome.Applied created = applied(ADA, rest(Op.CREATE, null, object("t", 1), null));
    assertNotNull(created.record().id());
    assertEquals(1, created.record().version());
    assertEquals("ada", created.record().updatedBy());
    assertEquals(1, store.locks);
  }

  @Test
  void badIdsAndEntityNamesAreRefusedBeforeAnythingIsLocked() {
    ProtocolException bad =
        assertThrows(
            ProtocolException.class,
            () -> as(ADA, () -> writes.write(rest(Op.PATCH, "a b", object(), null))));
    assertEquals(ErrorCode.BAD_MESSAGE, bad.code());
    assertEquals(0, store.locks);
  }

  @Test
  void aRestCreateOfAnExistingRecordIsAConflictErrorAndAPushCreateIsAConflict() {
    applied(ADA, rest(Op.CREATE, "1", object("t", 1), null));
    ProtocolException exists =
        assertThrows(
            ProtocolException.class,
            () -> as(ADA, () -> writes.write(rest(Op.CREATE, "1", object("t", 2), null))));
    assertEquals(ErrorCode.CONFLICT, exists.code());
    WriteOutcome.Conflicted conflict =
        assertInstanceOf(
            WriteOutcome.Conflicted.class,
            as(ADA, () -> writes.write(push(Op.CREATE, "1", object("t", 3), null, null))));
    assertEquals("version", conflict.conflictType());
    assertEquals(1, store.data("1").getInt("t"));
  }

  @Test
  void aStaleIfMatchIsRefusedAndWritesNothing() {
    long first = applied(ADA, rest(Op.CREATE, "1", object("t", 1), null)).record().version();
    applied(ADA, rest(Op.PATCH, "1", object("t", 2), first));
    StaleVersionException stale =
        assertThrows(
            StaleVersionException.class,
            () -> as(ADA, () -> writes.write(rest(Op.REPLACE, "1", object("t", 3), first))));
    assertEquals(first + 1, stale.currentVersion());
    assertEquals(2, store.data("1").getInt("t"));
  }

  @Test
  void aRetriedMutationIsAnsweredFromItsFirstApplication() {
    applied(ADA, push(Op.CREATE, "1", object("n", 0), null, null));
    long once = applied(ADA, push(Op.PATCH, "1", object("n", 1), null, "m1")).record().version();
    WriteOutcome.Replayed again =
        assertInstanceOf(
            WriteOutcome.Replayed.class,
            as(ADA, () -> writes.write(push(Op.PATCH, "1", object("n", 1), null, "m1"))));
    assertEquals(once, again.version());
    assertEquals(2, store.versions);
    // the same id from another actor is another mutation
    applied(BOB, push(Op.PATCH, "1", object("n", 2), null, "m1"));
  }

  @Test
  void lastWriteWinsAppliesAStalePushOverTheNewerVersion() {
    strategy = ConflictStrategy.LAST_WRITE_WINS;
    long base =
        applied(ADA, push(Op.CREATE, "1", object("t", "one"), null, null)).record().version();
    applied(BOB, push(Op.PATCH, "1", object("t", "two"), base, null));
    applied(ADA, push(Op.PATCH, "1", object("t", "three"), base, null));
    applied(ADA, push(Op.CREATE, "1", object("t", "four"), null, null));
    assertEquals("four", store.data("1").getString("t"));
  }

  @Test
  void theMergeStrategyCombinesFieldByFieldAndKeepsTheServersValueOfFieldsBothChanged() {
    strategy = ConflictStrategy.MERGE;
    long base =
        applied(ADA, push(Op.CREATE, "1", object("title", "t", "body", "b"), null, null))
            .record()
            .version();
    applied(BOB, push(Op.PATCH, "1", object("title", "server"), base, null));
    WriteOutcome.Applied merged =
        applied(ADA, push(Op.PATCH, "1", object("body", "client"), base, null));
    assertEquals(List.of("body"), merged.merge().accepted());
    assertEquals("server", store.data("1").getString("title"));
    assertEquals("client", store.data("1").getString("body"));
    WriteOutcome.Applied overlap =
        applied(ADA, push(Op.PATCH, "1", object("title", "mine", "tag", "x"), base, null));
    assertEquals(List.of("tag"), overlap.merge().accepted());
    assertEquals(List.of("title"), overlap.merge().rejected());
    assertEquals("server", store.data("1").getString("title"));
    assertEquals("x", store.data("1").getString("tag"));
  }

  @Test
  void thePolicyIsAskedWithTheRecordBeforeAndAfterAndARefusalWritesNothing() {
    policy.ownerField = "owner";
    applied(ADA, rest(Op.CREATE, "1", object("owner", "ada"), null));
    ProtocolException forbidden =
        assertThrows(
            ProtocolException.class,
            () -> as(BOB, () -> writes.write(rest(Op.PATCH, "1", object("owner", "bob"), null))));
    assertEquals(ErrorCode.FORBIDDEN, forbidden.code());
    assertEquals("ada", store.data("1").getString("owner"));
    // a push may meet a conflict, which shows the record: it needs the right to read it
    ProtocolException hidden =
        assertThrows(
            ProtocolException.class,
            () ->
                as(
                    BOB,
                    () -> writes.write(push(Op.CREATE, "1", object("owner", "bob"), null, null))));
    assertEquals(ErrorCode.FORBIDDEN, hidden.code());
  }

  @Test
  void aCallerWithoutTheRoleIsRefusedBeforeTheRecordIsRead() {
    policy.writeRole = "editor";
    ProtocolException forbidden =
        assertThrows(
            ProtocolException.class,
            () -> as(ADA, () -> writes.write(rest(Op.CREATE, "1", object(), null))));
    assertEquals(ErrorCode.FORBIDDEN, forbidden.code());
    assertEquals(0, store.locks);
  }

  @Test
  void everyCreatedOrChangedRecordIsCheckedAndARefusalWritesNothing() {
    applied(ADA, rest(Op.CREATE, "1", object("t", 1), null));
    assertThrows(
        ProtocolException.class,
        () -> as(ADA, () -> writes.write(rest(Op.PATCH, "1", object("invalid", true), null))));
    applied(ADA, rest(Op.DELETE, "1", null, null));
    assertEquals(List.of("Doc/1", "Doc/1"), checked); // deletes are not checked
    assertTrue(store.data("1") == null);
  }

  @Test
  void writesToARecordThatDoesNotExistAreNotFoundAndDataMustBeAnObject() {
    ProtocolException missing =
        assertThrows(
            ProtocolException.class,
            () -> as(ADA, () -> writes.write(push(Op.PATCH, "nope", object(), null, null))));
    assertEquals(ErrorCode.NOT_FOUND, missing.code());
    ProtocolException notObject =
        assertThrows(
            ProtocolException.class,
            () ->
                as(
                    ADA,
                    () ->
                        writes.write(
                            new Write(
                                "Doc",
                                "1",
                                Op.CREATE,
                                Json.createValue(5),
                                null,
                                OnStale.STRATEGY,
                                null))));
    assertEquals(ErrorCode.BAD_MESSAGE, notObject.code());
  }
}
