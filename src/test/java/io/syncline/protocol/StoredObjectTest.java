package io.syncline.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.stream.JsonParsingException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stored JSON read back as a value: an object kept as its text, the same value as parsed. */
class StoredObjectTest {

  private static final String TEXT =
      "{\"title\":\"a \\\"b\\\" ü\",\"owner\":\"ada\",\"n\":2.5,\"done\":true,\"none\":null,"
          + "\"tags\":[\"x\",1],\"o\":{\"k\":1}}";

  @Test
  void anObjectIsTheSameValueAsParsedAndWritesBackItsText() {
    JsonObject parsed = JsonFactory.readObject(TEXT);
    JsonValue stored = StoredObject.of(TEXT);

    JsonObject object = assertInstanceOf(StoredObject.class, stored);
    assertSame(TEXT, object.toString(), "the stored text, not written again");
    assertEquals(JsonValue.ValueType.OBJECT, object.getValueType());
    assertEquals(parsed, object);
    assertEquals(object, parsed);
    assertEquals(parsed.hashCode(), object.hashCode());
    assertEquals("ada", object.getString("owner"));
    assertEquals("ada", object.getString("owner", "-"));
    assertEquals("-", object.getString("missing", "-"));
    assertEquals(2.5, object.getJsonNumber("n").doubleValue());
    assertEquals(1, object.getJsonObject("o").getInt("k"));
    assertEquals(7, object.getInt("missing", 7));
    assertEquals(true, object.getBoolean("done"));
    assertEquals("x", object.getJsonArray("tags").getString(0));
    assertEquals("a \"b\" ü", object.getJsonString("title").getString());
    assertEquals(true, object.isNull("none"));
    assertEquals(7, object.size());
    assertEquals(parsed.keySet(), object.keySet());
    assertThrows(UnsupportedOperationException.class, () -> object.put("k", JsonValue.TRUE));
  }

  @Test
  void jsonPAndJsonBWriteItAsTheParsedObject() throws Exception {
    JsonObject parsed = JsonFactory.readObject(TEXT);
    JsonValue stored = StoredObject.of(TEXT);
    assertEquals(
        "{\"d\":" + parsed + "}",
        JsonFactory.JSON.createObjectBuilder().add("d", stored).build().toString(),
        "written member by member");
    assertEquals(
        parsed.toString(),
        JsonFactory.JSON.createObjectBuilder(stored.asJsonObject()).build().toString(),
        "copied member by member");
    try (JsonbNamings jsonb = new JsonbNamings()) {
      Jsonb camel = jsonb.camel;
      assertEquals(
          JsonFactory.read(camel.toJson(Map.of("d", parsed))),
          JsonFactory.read(camel.toJson(Map.of("d", stored))));
    }
  }

  @Test
  void textThatIsNotOneWellFormedObjectIsRefusedBeforeItCouldReachAFrame() {
    for (String bad :
        List.of("{\"a\":}", "{\"a\" \"b\"}", "{\"a\":1}x}", "{\"a\":1", "{\"a\":1}{}", "{'a':1}")) {
      assertThrows(JsonParsingException.class, () -> StoredObject.of(bad), bad);
    }
  }

  @Test
  void otherValuesAreParsedAtOnceAndNullStaysNull() {
    assertNull(StoredObject.of(null));
    assertEquals(JsonFactory.read("[1,{\"a\":2}]"), StoredObject.of("[1,{\"a\":2}]"));
    assertEquals(JsonValue.NULL, StoredObject.of("null"));
    assertEquals(JsonFactory.read("\"{x}\""), StoredObject.of("\"{x}\""));
  }
}
