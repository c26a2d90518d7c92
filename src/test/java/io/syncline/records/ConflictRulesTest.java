package io.syncline.records;

import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.records.ConflictRules.Resolution;
import io.syncline.records.Write.OnStale;
import io.syncline.records.Write.Op;
import io.syncline.store.StoredRecord;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** When a whole-record write is stale, and what each conflict strategy makes of it. */
class ConflictRulesTest {

  private static final JsonObject BASE = object("title", "a", "done", false);
  private static final StoredRecord AT_3 =
      new StoredRecord("t1", 3, object("title", "a", "done", true), 0, "bob");
  private static final Supplier<JsonValue> BASE_DATA = () -> BASE;

  @Test
  void aWriteToARecordThatDoesNotExistIsNeverStale() {
    assertFalse(ConflictRules.isStale(write(Op.CREATE, 1L, OnStale.REFUSE), Optional.empty()));
    assertFalse(ConflictRules.isStale(write(Op.PATCH, 1L, OnStale.REFUSE), Optional.empty()));
  }

  @Test
  void aCreateOfARecordThatExistsIsStale() {
    assertTrue(ConflictRules.isStale(write(Op.CREATE, null, OnStale.STRATEGY), Optional.of(AT_3)));
  }

  @Test
  void aWriteWithoutABaseVersionIsNotStale() {
    assertFalse(ConflictRules.isStale(write(Op.PATCH, null, OnStale.REFUSE), Optional.of(AT_3)));
  }

  @Test
  void refusingWritesNeedTheExactVersionStrategyWritesOnlyANewerOne() {
    assertFalse(ConflictRules.isStale(write(Op.PATCH, 3L, OnStale.REFUSE), Optional.of(AT_3)));
    assertTrue(ConflictRules.isStale(write(Op.PATCH, 4L, OnStale.REFUSE), Optional.of(AT_3)));
    assertTrue(ConflictRules.isStale(write(Op.PATCH, 2L, OnStale.REFUSE), Optional.of(AT_3)));
    assertFalse(ConflictRules.isStale(write(Op.PATCH, 4L, OnStale.STRATEGY), Optional.of(AT_3)));
    assertTrue(ConflictRules.isStale(write(Op.PATCH, 2L, OnStale.STRATEGY), Optional.of(AT_3)));
  }

  @Test
  void aRefusingStaleWriteIsRefusedWhateverTheStrategy() {
    StaleVersionException stale =
        assertThrows(
            StaleVersionException.class,
            () ->
                ConflictRules.resolve(
                    write(Op.PATCH, 2L, OnStale.REFUSE),
                    AT_3,
                    ConflictStrategy.LAST_WRITE_WINS,
                    BASE_DATA));
    assertEquals(ErrorCode.CONFLICT, stale.code());
    assertEquals(3, stale.currentVersion());
    ProtocolException exists =
        assertThrows(
            ProtocolException.class,
            () ->
                ConflictRules.resolve(
                    write(Op.CREATE, null, OnStale.REFUSE),
                    AT_3,
                    ConflictStrategy.LAST_WRITE_WINS,
                    BASE_DATA));
    assertEquals(ErrorCode.CONFLICT, exists.code());
    assertEquals("Task t1 already exists", exists.getMessage());
  }

  @Test
  void lastWriteWinsAppliesTheWriteAndTurnsACreateIntoAnUpsert() {
    Write patch = write(Op.PATCH, 2L, OnStale.STRATEGY);
    assertEquals(
        new Resolution.Override(patch),
        ConflictRules.resolve(patch, AT_3, ConflictStrategy.LAST_WRITE_WINS, BASE_DATA));
    Resolution created =
        ConflictRules.resolve(
            write(Op.CREATE, null, OnStale.STRATEGY),
            AT_3,
            ConflictStrategy.LAST_WRITE_WINS,
            BASE_DATA);
    assertEquals(Op.UPSERT, assertInstanceOf(Resolution.Override.class, created).write().op());
  }

  @Test
  void mergeCombinesAPatchOfOtherFieldsWithTheNewerVersion() {
    Write patch = write(Op.PATCH, 2L, OnStale.STRATEGY, object("title", "b"));
    Resolution.Merged merged =
        assertInstanceOf(
            Resolution.Merged.class,
            ConflictRules.resolve(patch, AT_3, ConflictStrategy.MERGE, BASE_DATA));
    assertEquals(object("title", "b", "done", true), merged.merge().merged());
    assertEquals(List.of("title"), merged.merge().accepted());
  }

  @Test
  void mergeKeepsTheServersValueOfAFieldBothSidesChangedAndReportsItRejected() {
    Write patch = write(Op.PATCH, 2L, OnStale.STRATEGY, object("done", false, "title", "b"));
    Resolution.Merged merged =
        assertInstanceOf(
            Resolution.Merged.class,
            ConflictRules.resolve(patch, AT_3, ConflictStrategy.MERGE, () -> object("title", "a")));
    assertEquals(List.of("title"), merged.merge().accepted());
    assertEquals(List.of("done"), merged.merge().rejected());
  }

  @Test
  void withoutTheBaseOrForAWholeRecordMergeIsAVersionConflict() {
    Write patch = write(Op.PATCH, 2L, OnStale.STRATEGY, object("title", "b"));
    assertEquals(
        new Resolution.Conflict("version"),
        ConflictRules.resolve(patch, AT_3, ConflictStrategy.MERGE, () -> null));
    Write replace = write(Op.REPLACE, 2L, OnStale.STRATEGY, object("title", "b"));
    assertEquals(
        new Resolution.Conflict("version"),
        ConflictRules.resolve(replace, AT_3, ConflictStrategy.MERGE, BASE_DATA));
  }

  @Test
  void manualLeavesEveryStaleWriteToTheWriter() {
    Write patch = write(Op.PATCH, 2L, OnStale.STRATEGY, object("title", "b"));
    assertEquals(
        new Resolution.Conflict("version"),
        ConflictRules.resolve(patch, AT_3, ConflictStrategy.MANUAL, BASE_DATA));
  }

  private static Write write(Op op, Long baseVersion, OnStale onStale) {
    return write(op, baseVersion, onStale, object("title", "b"));
  }

  private static Write write(Op op, Long baseVersion, OnStale onStale, JsonObject data) {
    return new Write("Task", "t1", op, data, baseVersion, onStale, null);
  }
}
