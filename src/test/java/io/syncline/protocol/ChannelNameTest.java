package io.syncline.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
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

  @Test
  void namesBuiltHereParseBackToTheirParts() {
    ChannelName record = ChannelName.parse(ChannelName.entity("Task", "42"));
    assertEquals("entity:Task:42", record.value());
    assertEquals("Task", record.entity());
    assertEquals(Optional.of("42"), record.recordId());
    ChannelName fields = ChannelName.parse(ChannelName.fields("Task"));
    assertEquals(ChannelName.Kind.FIELDS, fields.kind());
    assertEquals("Task", fields.entity());
    assertEquals(Optional.empty(), fields.recordId());
    assertEquals("fields:Task:7", ChannelName.fields("Task", "7"));
    assertEquals("user:ann", ChannelName.user("ann"));
    assertEquals("schema:board", ChannelName.schema("board"));
  }

  @Test
  void aPresenceChannelNamesItsResourceWhenThatIsAChannel() {
    ChannelName presence = ChannelName.parse(ChannelName.presence("entity:Task"));
    assertEquals(Optional.of(ChannelName.parse("entity:Task")), presence.presenceResource());
    assertEquals(Optional.empty(), ChannelName.parse("presence:lobby").presenceResource());
    assertEquals(Optional.empty(), ChannelName.parse("entity:Task").presenceResource());
  }

  @Test
  void kindsAreTestedWithoutParsing() {
    assertTrue(ChannelName.isOfKind("component:room", ChannelName.Kind.COMPONENT));
    assertFalse(ChannelName.isOfKind("presence:component:room", ChannelName.Kind.COMPONENT));
    assertFalse(ChannelName.isOfKind(null, ChannelName.Kind.SCHEMA));
  }

  @Test
  void anUnknownKindIsRefusedNamingEveryKind() {
    ProtocolException e = assertThrows(ProtocolException.class, () -> ChannelName.parse("x:y"));
    assertEquals(
        "channel 'x:y' is not entity:, presence:, user:, schema:, component: or fields:",
        e.getMessage());
  }
}
