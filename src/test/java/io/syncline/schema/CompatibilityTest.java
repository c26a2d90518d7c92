package io.syncline.schema;

import static io.syncline.schema.SchemaShapeTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Confluent's four modes over field-level changes, with optional fields unless required. */
class CompatibilityTest {

  private static SchemaShape record(String fields) {
    return SchemaShape.of(SchemaType.RECORD, json("{'fields':[" + fields + "]}"), 100);
  }

  private static final String TITLE = "{'name':'title','type':'string','required':true}";
  private static final String NOTE = "{'name':'note','type':'string'}";
  private static final SchemaShape BEFORE = record(TITLE + "," + NOTE);

  private static List<String> breaking(Compatibility mode, SchemaShape next) {
    return mode.breaking(BEFORE, next).stream().map(b -> b.field() + " " + b.reason()).toList();
  }

  @Test
  void addingAnOptionalFieldOrDroppingOneIsFineInEveryMode() {
    SchemaShape next = record(TITLE + ",{'name':'due','type':'date'}");
    for (Compatibility mode : Compatibility.values()) {
      assertEquals(List.of(), breaking(mode, next), mode.name());
    }
  }

  @Test
  void aNewRequiredFieldBreaksBackwardAndFullButNotForward() {
    SchemaShape next =
        record(TITLE + "," + NOTE + ",{'name':'owner','type':'string','required':true}");
    assertEquals(List.of("owner is new and required"), breaking(Compatibility.BACKWARD, next));
    assertEquals(List.of("owner is new and required"), breaking(Compatibility.FULL, next));
    assertEquals(List.of(), breaking(Compatibility.FORWARD, next));
    assertEquals(List.of(), breaking(Compatibility.NONE, next));
  }

  @Test
  void droppingARequiredFieldBreaksForwardAndFullButNotBackward() {
    SchemaShape next = record(NOTE);
    assertEquals(List.of(), breaking(Compatibility.BACKWARD, next));
    assertEquals(List.of("title was required and is gone"), breaking(Compatibility.FORWARD, next));
    assertEquals(List.of("title was required and is gone"), breaking(Compatibility.FULL, next));
  }

  @Test
  void requiredChangesBreakOneDirectionEach() {
    SchemaShape noteRequired = record(TITLE + ",{'name':'note','type':'string','required':true}");
    assertEquals(List.of("note became required"), breaking(Compatibility.BACKWARD, noteRequired));
    assertEquals(List.of(), breaking(Compatibility.FORWARD, noteRequired));
    SchemaShape titleOptional = record("{'name':'title','type':'string'}," + NOTE);
    assertEquals(List.of(), breaking(Compatibility.BACKWARD, titleOptional));
    assertEquals(
        List.of("title is no longer required"), breaking(Compatibility.FORWARD, titleOptional));
  }

  @Test
  void aRetypedFieldOrSchemaTypeBreaksEveryModeButNone() {
    SchemaShape retyped = record(TITLE + ",{'name':'note','type':'integer'}");
    SchemaShape table = SchemaShape.of(SchemaType.TABLE, json("{'columns':[" + TITLE + "]}"), 9);
    for (Compatibility mode :
        List.of(Compatibility.BACKWARD, Compatibility.FORWARD, Compatibility.FULL)) {
      assertEquals(
          List.of("note changed type from string to integer"),
          breaking(mode, retyped),
          mode.name());
      assertEquals(
          List.of("schemaType changed from record to table"), breaking(mode, table), mode.name());
    }
    assertEquals(List.of(), breaking(Compatibility.NONE, retyped));
  }

  @Test
  void arrayItemsAreComparedByTypeAndByTheirFields() {
    SchemaShape before =
        SchemaShape.of(
            SchemaType.ARRAY,
            json("{'items':{'type':'object','fields':[{'name':'sku','type':'string'}]}}"),
            9);
    SchemaShape after =
        SchemaShape.of(
            SchemaType.ARRAY,
            json(
                "{'items':{'type':'object','fields':[{'name':'sku','type':'integer'},"
                    + "{'name':'qty','type':'integer','required':true}]}}"),
            9);
    assertEquals(
        List.of("items.sku changed type from string to integer", "items.qty is new and required"),
        Compatibility.BACKWARD.breaking(before, after).stream()
            .map(b -> b.field() + " " + b.reason())
            .toList());
    SchemaShape strings = SchemaShape.of(SchemaType.ARRAY, json("{'items':{'type':'string'}}"), 9);
    assertEquals("items", Compatibility.FULL.breaking(before, strings).get(0).field());
  }
}
