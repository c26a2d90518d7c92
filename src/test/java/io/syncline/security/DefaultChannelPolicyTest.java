package io.syncline.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.WrittenFields;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The default policy's decisions, configured by a plain map of the documented keys. */
class DefaultChannelPolicyTest {

  private static final Caller ANN = caller("ann", "user");
  private static final Caller BOB = caller("bob", "user");
  private static final Caller CLERK = caller("carl", "clerk");
  private static final Caller ADMIN = caller("ada", "admin");
  private static final Caller SERVICE = caller("svc", "service");

  private final DefaultChannelPolicy policy =
      policy(
          Map.of(
              "syncline.policy.entity.Ledger.read", "clerk",
              "syncline.policy.entity.Ledger.write", "clerk",
              "syncline.policy.entity.Note.owner-field", "owner",
              "syncline.policy.default.write", "user"));

  @Test
  void aUserChannelIsItsOwnersOnlyAdminsIncluded() {
    assertDoesNotThrow(() -> policy.checkSubscribe(ANN, channel("user:ann")));
    assertForbidden(() -> policy.checkSubscribe(ADMIN, channel("user:ann")));
    assertForbidden(() -> policy.checkSubscribe(BOB, channel("user:ann")));
  }

  @Test
  void entityRecordAndFieldChannelsFollowTheEntitysReadRoles() {
    for (String name : new String[] {"entity:Ledger", "entity:Ledger:7", "fields:Ledger:7"}) {
      assertDoesNotThrow(() -> policy.checkSubscribe(CLERK, channel(name)));
      assertForbidden(() -> policy.checkSubscribe(ANN, channel(name)));
    }
    assertDoesNotThrow(() -> policy.checkSubscribe(ANN, channel("entity:Task")));
  }

  @Test
  void unconfiguredEntitiesTakeTheDefaultsAndAnyCallerMayReadByDefault() {
    assertDoesNotThrow(() -> policy.checkRead(ANN, "Task"));
    assertDoesNotThrow(() -> policy.checkWrite(ANN, "Task", null, record("x")));
    assertForbidden(() -> policy.checkWrite(SERVICE, "Task", null, record("x")));
    assertDoesNotThrow(() -> policy.checkWrite(ADMIN, "Task", null, record("x")));
  }

  @Test
  void anOwnerFieldLimitsARecordToItsOwner() {
    assertTrue(policy.mayRead(ANN, "Note", record("ann")));
    assertFalse(policy.mayRead(BOB, "Note", record("ann")));
    assertTrue(policy.mayRead(ADMIN, "Note", record("ann")));
    assertDoesNotThrow(() -> policy.checkWrite(ANN, "Note", record("ann"), record("ann")));
    assertForbidden(() -> policy.checkWrite(BOB, "Note", record("ann"), record("bob")));
    assertForbidden(() -> policy.checkWrite(ANN, "Note", null, record("bob")));
  }

  @Test
  void theDeletionOfAnOwnedRecordIsShownToItsOwnerAndAdmins() {
    Change annsNoteDeleted = deletion("Note", record("ann"));
    assertTrue(policy.mayRead(ANN, annsNoteDeleted));
    assertFalse(policy.mayRead(BOB, annsNoteDeleted));
    assertTrue(policy.mayRead(ADMIN, annsNoteDeleted));
    assertTrue(policy.mayRead(BOB, deletion("Task", record("ann"))));
    assertFalse(policy.mayRead(ANN, deletion("Ledger", record("ann"))));
  }

  @Test
  void aDeletionWhoseRecordIsNotKnownIsShownOnlyToWhoeverReadsTheEntityUnrestricted() {
    assertFalse(policy.mayRead(ANN, deletion("Note", null)));
    assertTrue(policy.mayRead(ADMIN, deletion("Note", null)));
    assertTrue(policy.mayRead(ANN, deletion("Task", null)));
    assertFalse(policy.mayRead(ANN, deletion("Ledger", null)));
  }

  private static Change deletion(String entity, JsonObject removed) {
    return new Change(
        entity,
        "1",
        ChangeAction.DELETE,
        null,
        7,
        Instant.EPOCH,
        "someone",
        WrittenFields.NONE,
        removed);
  }

  @Test
  void aPresenceChannelIsOpenToWhoeverMaySubscribeToItsResource() {
    assertDoesNotThrow(() -> policy.checkSubscribe(CLERK, channel("presence:entity:Ledger:7")));
    assertForbidden(() -> policy.checkSubscribe(ANN, channel("presence:entity:Ledger:7")));
    assertDoesNotThrow(() -> policy.checkSubscribe(ANN, channel("presence:lobby")));
  }

  @Test
  void componentAndSchemaChannelsAreOpenToEveryCaller() {
    assertDoesNotThrow(() -> policy.checkSubscribe(ANN, channel("component:board")));
    assertDoesNotThrow(() -> policy.checkSubscribe(ANN, channel("schema:crm")));
    assertDoesNotThrow(() -> policy.checkBroadcast(ANN, channel("component:board")));
    assertForbidden(() -> policy.checkBroadcast(ANN, channel("user:bob")));
  }

  @Test
  void publishingNeedsServiceOrAdminUnlessConfigured() {
    assertDoesNotThrow(() -> policy.checkPublish(SERVICE, channel("entity:Task")));
    assertDoesNotThrow(() -> policy.checkPublish(ADMIN, channel("entity:Task")));
    assertForbidden(() -> policy.checkPublish(ANN, channel("entity:Task")));
    DefaultChannelPolicy open = policy(Map.of("syncline.policy.publish-roles", "user"));
    assertDoesNotThrow(() -> open.checkPublish(ANN, channel("entity:Task")));
  }

  @Test
  void schemaWritesAndAdministrationNeedAnAdmin() {
    assertDoesNotThrow(() -> policy.checkSchemaWrite(ADMIN));
    assertForbidden(() -> policy.checkSchemaWrite(SERVICE));
    assertDoesNotThrow(() -> policy.checkAdministration(ADMIN, "pruning"));
    ProtocolException refused =
        assertThrows(ProtocolException.class, () -> policy.checkAdministration(ANN, "pruning"));
    assertEquals("pruning needs the role admin", refused.getMessage());
    DefaultChannelPolicy editors = policy(Map.of("syncline.policy.schema-write-roles", "editor"));
    assertDoesNotThrow(() -> editors.checkSchemaWrite(caller("eve", "editor")));
  }

  private static DefaultChannelPolicy policy(Map<String, String> settings) {
    return new DefaultChannelPolicy(key -> Optional.ofNullable(settings.get(key)));
  }

  private static Caller caller(String id, String role) {
    return new Caller(id, Set.of(role), null, null);
  }

  private static ChannelName channel(String name) {
    return ChannelName.parse(name);
  }

  private static JsonObject record(String owner) {
    return JsonFactory.JSON.createObjectBuilder().add("owner", owner).build();
  }

  private static void assertForbidden(Executable call) {
    assertEquals(ErrorCode.FORBIDDEN, assertThrows(ProtocolException.class, call).code());
  }
}
