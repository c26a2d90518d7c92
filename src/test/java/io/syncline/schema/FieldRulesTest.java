package io.syncline.schema;

import static io.syncline.schema.SchemaShapeTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A record checked against a schema's fields: what each rule refuses, and what passes. */
class FieldRulesTest {

  private static final List<SchemaField> FIELDS =
      SchemaShape.of(
              SchemaType.RECORD,
              json(
                  "{'fields':["
                      + "{'name':'title','type':'string','required':true,"
                      + "'constraints':{'minLength':2,'maxLength':5}},"
                      + "{'name':'code','type':'string','constraints':{'pattern':'[A-Z]+'}},"
                      + "{'name':'qty','type':'integer','constraints':{'min':1,'max':9}},"
                      + "{'name':'price','type':'number'},"
                      + "{'name':'paid','type':'boolean'},"
                      + "{'name':'due','type':'date'},"
                      + "{'name':'at','type':'datetime'},"
                      + "{'name':'status','type':'string','constraints':{'enum':['open','done']}},"
                      + "{'name':'meta','type':'object'},"
                      + "{'name':'tags','type':'array'}]}"),
              100)
          .fields();

  private static List<String> errors(String record) {
    return FieldRules.check(FIELDS, json(record)).stream()
        .map(e -> e.field() + " " + e.error())
        .toList();
  }

  @Test
  void aValidRecordPassesAndUnknownFieldsAreNotChecked() {
    assertEquals(
        List.of(),
        errors(
            "{'title':'abc','code':'AB','qty':3,'price':2.5,'paid':true,'due':'2024-01-15',"
                + "'at':'2024-01-15T10:30:00Z','status':'open','meta':{},'tags':[],'other':1}"));
    assertEquals(List.of(), errors("{'title':'abc','at':'2024-01-15T10:30:00','qty':4.0}"));
  }

  @Test
  void eachRuleNamesItsField() {
    assertEquals(List.of("title is required"), errors("{}"));
    assertEquals(List.of("title is required"), errors("{'title':'   '}"));
    assertEquals(List.of("title is required"), errors("{'title':null}"));
    assertEquals(List.of("title must be a string"), errors("{'title':12}"));
    assertEquals(List.of("title must be at least 2 characters long"), errors("{'title':'a'}"));
    assertEquals(List.of("title must be at most 5 characters long"), errors("{'title':'abcdef'}"));
    assertEquals(List.of("code must match [A-Z]+"), errors("{'title':'ab','code':'AB1'}"));
    assertEquals(List.of("qty must be an integer"), errors("{'title':'ab','qty':1.5}"));
    assertEquals(List.of("qty must be at least 1"), errors("{'title':'ab','qty':0}"));
    assertEquals(List.of("qty must be at most 9"), errors("{'title':'ab','qty':10}"));
    assertEquals(List.of("price must be a number"), errors("{'title':'ab','price':'2'}"));
    assertEquals(List.of("paid must be a boolean"), errors("{'title':'ab','paid':1}"));
    assertEquals(
        List.of("due must be a date (YYYY-MM-DD)"), errors("{'title':'ab','due':'15/01/2024'}"));
    assertEquals(
        List.of("at must be a date-time (ISO-8601)"), errors("{'title':'ab','at':'yesterday'}"));
    assertEquals(
        List.of("status must be one of [\"open\",\"done\"]"),
        errors("{'title':'ab','status':'late'}"));
    assertEquals(List.of("meta must be an object"), errors("{'title':'ab','meta':[]}"));
    assertEquals(List.of("tags must be an array"), errors("{'title':'ab','tags':{}}"));
    assertEquals(List.of("title is required", "qty must be at most 9"), errors("{'qty':99}"));
  }
}
