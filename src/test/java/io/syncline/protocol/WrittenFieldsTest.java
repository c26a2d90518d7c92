package io.syncline.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WrittenFieldsTest {

  @Test
  void fieldsReadBackFromTheirStoredTextInTheirOrder() {
    List<WrittenFields.Field> fields =
        List.of(
            new WrittenFields.Field("zeta", 5, false),
            new WrittenFields.Field("a \"quoted\" ✓", 1_700_000_000_000L, true),
            new WrittenFields.Field("b", 0, false));

    WrittenFields stored = WrittenFields.of(fields);

    assertEquals(
        "[{\"f\":\"zeta\",\"t\":5},{\"f\":\"a \\\"quoted\\\" ✓\",\"t\":1700000000000,\"u\":true},"
            + "{\"f\":\"b\",\"t\":0}]",
        stored.json());
    assertEquals(fields, WrittenFields.fromJson(stored.json()).list());
    assertEquals(stored, WrittenFields.fromJson(stored.json()));
  }

  @Test
  void noFieldsAreStoredAsNothing() {
    assertSame(WrittenFields.NONE, WrittenFields.of(List.of()));
    assertSame(WrittenFields.NONE, WrittenFields.fromJson(null));
    assertSame(WrittenFields.NONE, WrittenFields.fromJson("[]"));
    assertTrue(WrittenFields.fromJson("{not a list").list().isEmpty(), "unreadable: none");
    assertNull(WrittenFields.NONE.json());
    assertTrue(WrittenFields.NONE.list().isEmpty());
    assertTrue(
        new Change("E", "1", ChangeAction.DELETE, null, 3, java.time.Instant.EPOCH, null)
            .fields()
            .isEmpty());
  }
}
