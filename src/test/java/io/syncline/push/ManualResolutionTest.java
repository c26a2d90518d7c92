package io.syncline.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ConflictManualResolution;
import io.syncline.protocol.Push;
import io.syncline.store.StoredRecord;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code conflict:manual-resolution} offers and names, per kind of stale push. */
class ManualResolutionTest {

  private static final JsonObject RECORD =
      Json.createObjectBuilder().add("title", "bob's").add("done", false).add("n", 1).build();
  private static final StoredRecord CURRENT =
      new StoredRecord("7", 12, RECORD, 1_700_000_000_000L, "bob");

  private static Push push(ChangeAction action, JsonValue data) {
    return new Push("Doc", "7", action, data, 10L, "m-1");
  }

  @Test
  void anUpdateNamesTheFieldsItWouldChange() {
    JsonObject patch =
        Json.createObjectBuilder()
            .add("title", "alice's") // differs
            .add("done", false) // the same already
            .addNull("gone") // removing a field the record does not have
            .addNull("n") // removing one it has
            .build();
    assertEquals(
        List.of("n", "title"), ManualResolution.fields(push(ChangeAction.UPDATE, patch), RECORD));
  }

  @Test
  void aCreateNamesEveryFieldWithAnotherValueAndADeleteEveryFieldOfTheRecord() {
    JsonObject created = Json.createObjectBuilder().add("title", "bob's").add("extra", 1).build();
    assertEquals(
        List.of("done", "extra", "n"),
        ManualResolution.fields(push(ChangeAction.CREATE, created), RECORD));
    assertEquals(
        List.of("done", "n", "title"),
        ManualResolution.fields(push(ChangeAction.DELETE, null), RECORD));
  }

  @Test
  void theOptionsAreTheClientsChangeAndTheRecordWithTheChoiceThatKeepsEach() {
    ConflictManualResolution request =
        ManualResolution.of("c-1", "alice", push(ChangeAction.DELETE, null), CURRENT);
    assertEquals("c-1", request.conflictId());
    JsonObject local = request.options().get(0);
    JsonObject remote = request.options().get(1);
    assertEquals("local", local.getString("choice"));
    assertEquals(10, local.getInt("version"));
    assertEquals(JsonValue.NULL, local.get("data"));
    assertEquals("alice", local.getJsonObject("metadata").getString("updatedBy"));
    assertEquals("remote", remote.getString("choice"));
    assertEquals(12, remote.getInt("version"));
    assertEquals(RECORD, remote.getJsonObject("data"));
    assertEquals("bob", remote.getJsonObject("metadata").getString("updatedBy"));
    assertEquals("2023-11-14T22:13:20Z", remote.getJsonObject("metadata").getString("updatedAt"));
    assertTrue(request.ui().description().startsWith("Your deletion was based on version 10"));
  }
}
