package io.syncline.push;

import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.cluster.LocalCluster;
import io.syncline.config.SynclineConfig;
import io.syncline.data.DatabaseProduct;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ConflictAutoMerge;
import io.syncline.protocol.ConflictDetect;
import io.syncline.protocol.ConflictManualResolution;
import io.syncline.protocol.ConflictResolve;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.Push;
import io.syncline.protocol.PushAck;
import io.syncline.protocol.ServerMessage;
import io.syncline.records.ConflictStrategy;
import io.syncline.records.GroupCommit;
import io.syncline.records.RecordReads;
import io.syncline.records.WriteChecks;
import io.syncline.records.WriteFakes;
import io.syncline.records.WriteService;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The socket's edge of the write path: what a {@code push} and a {@code conflict:resolve} are
 * answered with, over the real {@link WriteService} on an in-memory store.
 */
class PushServiceTest {

  private static final Caller ADA = new Caller("ada", Set.of("user"), null, null);
  private static final Caller BOB = new Caller("bob", Set.of("user"), null, null);

  private final ActorContext actors = new ActorContext();
  private final WriteFakes.Store store = new WriteFakes.Store(actors);
  private final WriteFakes.Policy policy = new WriteFakes.Policy();
  private ConflictStrategy strategy = ConflictStrategy.MANUAL;
  private final PushService pushes =
      new PushService(
          new GroupCommit(
              new WriteService(
                      store.stores(),
                      store.changeLog(),
                      store.queries(),
                      policy,
                      actors,
                      new WriteFakes.MutationLog(),
                      new WriteChecks(List.of()),
                      new WriteFakes.Stamps(),
                      new SynclineConfig(25_000, 50, 65_536, 1024),
                      new DatabaseProduct("PostgreSQL"))
                  .withStrategies(entity -> strategy),
              actors,
              Runnable::run),
          new RecordReads(store.stores(), store.queries(), policy, actors),
          new PendingConflicts(new LocalCluster()));

  private List<ServerMessage> push(
      Caller caller, ChangeAction action, JsonObject data, Long base, String mutationId) {
    return replies(
        actors.runAs(
            caller,
            () ->
                pushes.push(
                    caller.userId(), new Push("Doc", "7", action, data, base, mutationId))));
  }

  private List<ServerMessage> resolve(
      Caller caller, String conflictId, String choice, JsonValue data) {
    Supplier<CompletableFuture<PushOutcome>> work =
        () -> pushes.resolve(caller.userId(), new ConflictResolve(conflictId, choice, data));
    return replies(actors.runAs(caller, work));
  }

  /** The replies once the write committed; a refusal is thrown as the socket would report it. */
  private static List<ServerMessage> replies(CompletableFuture<PushOutcome> outcome) {
    try {
      return outcome.join().replies();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException refused ? refused : e;
    }
  }

  private static PushAck ack(List<ServerMessage> replies) {
    assertEquals(1, replies.size(), replies::toString);
    return assertInstanceOf(PushAck.class, replies.get(0));
  }

  /** Ada creates record 7, Bob updates it, and Ada's update from the first version is stale. */
  private ConflictDetect staleUpdate() {
    long base = ack(push(ADA, ChangeAction.CREATE, object("title", "draft"), null, null)).version();
    ack(push(BOB, ChangeAction.UPDATE, object("title", "bob's"), base, null));
    List<ServerMessage> replies =
        push(ADA, ChangeAction.UPDATE, object("title", "alice's"), base, "m-stale");
    assertEquals(2, replies.size(), replies::toString);
    ConflictDetect detect = assertInstanceOf(ConflictDetect.class, replies.get(0));
    ConflictManualResolution manual =
        assertInstanceOf(ConflictManualResolution.class, replies.get(1));
    assertEquals(detect.conflictId(), manual.conflictId(), "the request belongs to the conflict");
    return detect;
  }

  @Test
  void anAppliedPushIsAckedWithTheNewVersionAndItsMutationId() {
    PushAck created = ack(push(ADA, ChangeAction.CREATE, object("n", 1), null, "m-1"));
    assertEquals("Doc", created.entity());
    assertEquals("7", created.entityId());
    assertEquals("m-1", created.mutationId());
    assertEquals(created.version(), store.find("Doc", "7").orElseThrow().version());
    PushAck updated = ack(push(ADA, ChangeAction.UPDATE, object("m", 2), created.version(), null));
    assertTrue(updated.version() > created.version());
    assertEquals(object("n", 1, "m", 2), store.data("7"), "an update is merged into the record");
  }

  @Test
  void aRetriedMutationIsAckedWithItsFirstVersionAndWrittenOnce() {
    long base = ack(push(ADA, ChangeAction.CREATE, object("n", 0), null, null)).version();
    long first = ack(push(ADA, ChangeAction.UPDATE, object("n", 1), base, "m-1")).version();
    long again = ack(push(ADA, ChangeAction.UPDATE, object("n", 1), base, "m-1")).version();
    assertEquals(first, again);
    assertEquals(first, store.find("Doc", "7").orElseThrow().version(), "no second write");
  }

  @Test
  void aStalePushIsAConflictWithBothVersionsAndNothingIsWritten() {
    ConflictDetect detect = staleUpdate();
    assertEquals("Doc", detect.entityType());
    assertEquals("7", detect.entityId());
    JsonObject local = detect.versions().getJsonObject("local");
    JsonObject remote = detect.versions().getJsonObject("remote");
    assertEquals("alice's", local.getJsonObject("data").getString("title"));
    assertEquals("bob's", remote.getJsonObject("data").getString("title"));
    long current = store.find("Doc", "7").orElseThrow().version();
    assertEquals(current, remote.getJsonNumber("version").longValue());
    assertTrue(local.getJsonNumber("version").longValue() < current);
    assertEquals("bob's", store.data("7").getString("title"), "the stale push was not applied");
  }

  @Test
  void keepingLocalAppliesThePushOverTheCurrentRecordOnce() {
    ConflictDetect detect = staleUpdate();
    long before = store.find("Doc", "7").orElseThrow().version();
    PushAck ack = ack(resolve(ADA, detect.conflictId(), "local", null));
    assertTrue(ack.version() > before);
    assertEquals("m-stale", ack.mutationId());
    assertEquals("alice's", store.data("7").getString("title"));
    ProtocolException again =
        assertThrows(
            ProtocolException.class, () -> resolve(ADA, detect.conflictId(), "local", null));
    assertEquals(ErrorCode.NOT_FOUND, again.code(), "a conflict is settled once");
  }

  @Test
  void keepingRemoteWritesNothingAndAcksTheCurrentVersion() {
    ConflictDetect detect = staleUpdate();
    long current = store.find("Doc", "7").orElseThrow().version();
    assertEquals(current, ack(resolve(ADA, detect.conflictId(), "remote", null)).version());
    assertEquals(current, store.find("Doc", "7").orElseThrow().version());
    assertEquals("bob's", store.data("7").getString("title"));
  }

  @Test
  void aMergedChoiceWritesTheGivenDataAndMustBeAnObject() {
    ConflictDetect refused = staleUpdate();
    JsonString notAnObject = Json.createValue("both");
    ProtocolException bad =
        assertThrows(
            ProtocolException.class,
            () -> resolve(ADA, refused.conflictId(), "merged", notAnObject));
    assertEquals(ErrorCode.BAD_MESSAGE, bad.code());

    ConflictDetect detect = staleUpdateAgain();
    ack(resolve(ADA, detect.conflictId(), "merged", object("title", "both")));
    assertEquals("both", store.data("7").getString("title"));
  }

  /** A second stale update by Ada on the record as it is now. */
  private ConflictDetect staleUpdateAgain() {
    long current = store.find("Doc", "7").orElseThrow().version();
    ack(push(BOB, ChangeAction.UPDATE, object("title", "bob's again"), current, null));
    List<ServerMessage> replies =
        push(ADA, ChangeAction.UPDATE, object("title", "ada's"), current, null);
    return assertInstanceOf(ConflictDetect.class, replies.get(0));
  }

  @Test
  void onlyThePusherMaySettleItsConflict() {
    ConflictDetect detect = staleUpdate();
    ProtocolException notBobs =
        assertThrows(
            ProtocolException.class, () -> resolve(BOB, detect.conflictId(), "local", null));
    assertEquals(ErrorCode.NOT_FOUND, notBobs.code());
    ack(resolve(ADA, detect.conflictId(), "remote", null));
  }

  @Test
  void underMergeAStalePatchOfOtherFieldsIsMergedAndReported() {
    strategy = ConflictStrategy.MERGE;
    long base =
        ack(push(ADA, ChangeAction.CREATE, object("title", "t", "body", "b"), null, null))
            .version();
    ack(push(BOB, ChangeAction.UPDATE, object("title", "server"), base, null));
    List<ServerMessage> replies =
        push(ADA, ChangeAction.UPDATE, object("body", "client", "title", "mine"), base, null);
    assertEquals(2, replies.size(), replies::toString);
    ConflictAutoMerge merge = assertInstanceOf(ConflictAutoMerge.class, replies.get(0));
    assertEquals("field-level", merge.strategy());
    assertEquals(List.of("body"), strings(merge.result(), "accepted"));
    assertEquals(List.of("title"), strings(merge.result(), "rejected"));
    PushAck ack = assertInstanceOf(PushAck.class, replies.get(1));
    assertEquals(ack.version(), store.find("Doc", "7").orElseThrow().version());
    assertEquals(object("title", "server", "body", "client"), store.data("7"));
  }

  private static List<String> strings(JsonObject object, String name) {
    return object.getJsonArray(name).getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }
}
