package io.syncline.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNameTest {

  @Test
  void aValidNameKnowsItsKindAndId() {
    ChannelName name = ChannelName.parse("entity:Task:42");
    assertEquals(ChannelName.Kind.ENTITY, name.kind());
    assertEquals("Task:42", name.id());
    assertEquals(ChannelName.Kind.COMPONENT, ChannelName.parse("component:a/b.c-d_e").kind());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "entity:",
        "nokind",
        "other:x",
        "entity:with space",
        "entity:ü",
        "entity:a\"b"
      })
  void invalidNamesAreBadChannel(String value) {
    ProtocolException e = assertThrows(ProtocolException.class, () -> ChannelName.parse(value));
    assertEquals(ErrorCode.BAD_CHANNEL, e.code());
  }

  @Test
  void namesAreAtMost200Characters() {
    String longest = "entity:" + "x".repeat(193);
    assertEquals(longest, ChannelName.parse(longest).value());
    assertThrows(ProtocolException.class, () -> ChannelName.parse(longest + "x"));
  }
}
