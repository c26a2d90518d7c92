package io.syncline.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape each schema type must have, and the field each refusal names. */
class SchemaShapeTest {

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
  }

  @Test
  void aRecordListsItsFieldsInOrderAndKeepsWhatItDoesNotKnow() {
    SchemaShape shape =
        SchemaShape.of(
            SchemaType.RECORD,
            json(
                "{'fields':[{'name':'title','type':'string','required':true,'label':'Title',"
                    + "'constraints':{'maxLength':200,'hint':'x'}},{'name':'due','type':'date'}]}"),
            10);
    assertEquals(List.of("title", "due"), shape.fields().stream().map(SchemaField::name).toList());
    assertTrue(shape.fields().get(0).required());
    assertEquals("x", shape.fields().get(0).constraints().getString("hint"));
    assertEquals(FieldType.DATE, shape.fields().get(1).type());
  }

  @Test
  void aTableHasColumnsAndAnArrayHasItems() {
    assertEquals(
        FieldType.INTEGER,
        SchemaShape.of(SchemaType.TABLE, json("{'columns':[{'name':'n','type':'integer'}]}"), 10)
            .fields()
            .get(0)
            .type());
    SchemaShape array =
        SchemaShape.of(
            SchemaType.ARRAY,
            json("{'items':{'type':'object','fields':[{'name':'sku','type':'string'}]}}"),
            10);
    assertEquals(FieldType.OBJECT, array.itemsType());
    assertEquals("sku", array.fields().get(0).name());
  }

  @Test
  void everyMalformedSchemaIsRefusedNamingTheField() {
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry("{}", "schema.fields"),
            Map.entry("{'fields':{}}", "schema.fields"),
            Map.entry("{'fields':[3]}", "schema.fields[0]"),
            Map.entry("{'fields':[{'type':'string'}]}", "schema.fields[0].name"),
            Map.entry("{'fields':[{'name':' ','type':'string'}]}", "schema.fields[0].name"),
            Map.entry("{'fields':[{'name':'a'}]}", "schema.fields[0].type"),
            Map.entry("{'fields':[{'name':'a','type':'text'}]}", "schema.fields[0].type"),
            Map.entry(
                "{'fields':[{'name':'a','type':'string'},{'name':'a','type':'number'}]}",
                "schema.fields[1].name"),
            Map.entry(
                "{'fields':[{'name':'a','type':'string','required':'yes'}]}",
                "schema.fields[0].required"),
            Map.entry(
                "{'fields':[{'name':'a','type':'string','constraints':[]}]}",
                "schema.fields[0].constraints"),
            Map.entry(
                "{'fields':[{'name':'a','type':'string','constraints':{'maxLength':-1}}]}",
                "schema.fields[0].constraints.maxLength"),
            Map.entry(
                "{'fields':[{'name':'a','type':'string','constraints':{'pattern':'('}}]}",
                "schema.fields[0].constraints.pattern"),
            Map.entry(
                "{'fields':[{'name':'a','type':'number','constraints':{'min':'0'}}]}",
                "schema.fields[0].constraints.min"),
            Map.entry(
                "{'fields':[{'name':'a','type':'string','constraints':{'enum':[]}}]}",
                "schema.fields[0].constraints.enum"));
    cases.forEach(
        (schema, field) -> {
          SchemaRefusal refusal =
              assertThrows(
                  SchemaRefusal.class,
                  () -> SchemaShape.of(SchemaType.RECORD, json(schema), 10),
                  schema);
          assertEquals(ErrorCode.VALIDATION_FAILED, refusal.code(), schema);
          assertEquals(400, refusal.httpStatus());
          assertEquals(field, refusal.details().asJsonObject().getString("field"), schema);
          assertTrue(refusal.getMessage().startsWith("field '" + field + "'"), refusal::getMessage);
        });
    assertEquals(
        "schema.columns",
        assertThrows(
                SchemaRefusal.class,
                () -> SchemaShape.of(SchemaType.TABLE, json("{'fields':[]}"), 10))
            .details()
            .asJsonObject()
            .getString("field"));
    assertEquals(
        "schema.items.type",
        assertThrows(
                SchemaRefusal.class,
                () -> SchemaShape.of(SchemaType.ARRAY, json("{'items':{'type':'thing'}}"), 10))
            .details()
            .asJsonObject()
            .getString("field"));
  }

  @Test
  void moreFieldsThanTheLimitAreRefused() {
    String fields =
        String.join(",", List.of("{'name':'a','type':'string'}", "{'name':'b','type':'string'}"));
    SchemaRefusal refusal =
        assertThrows(
            SchemaRefusal.class,
            () -> SchemaShape.of(SchemaType.RECORD, json("{'fields':[" + fields + "]}"), 1));
    assertTrue(refusal.getMessage().contains("more than 1"), refusal::getMessage);
  }
}
