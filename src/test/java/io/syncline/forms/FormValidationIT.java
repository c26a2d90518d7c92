package io.syncline.forms;

import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.envelope;
import static io.syncline.testing.Frames.flat;
import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Rest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Form validation over both sockets and HTTP: the same answers everywhere, and coded errors. */
@ExtendWith(SuiteServer.class)
class FormValidationIT {

  private final Rest rest = Rest.h2();

  /** Form submissions, valid and not, as {@code validate_form} payloads. */
  private static final List<JsonObject> SUBMISSIONS =
      List.of(
          object(
              "form",
              "contact",
              "fields",
              array(
                  object("field", "name", "value", "Ada"),
                  object("field", "email", "value", "ada@example.com"),
                  object("field", "message", "value", "Hello there, Syncline"))),
          object(
              "form",
              "contact",
              "fields",
              array(
                  object("field", "email", "value", "nope"),
                  object("field", "message", "value", ""),
                  object("field", "phone", "value", "123"))),
          object("form", "Task", "fields", array(object("field", "title", "value", " "))),
          object(
              "form",
              "Task",
              "fields",
              array(
                  object("field", "title", "value", "x".repeat(201)),
                  object("field", "dueDate", "value", "2030-02-01"))));

  private static WsClient socket(String path, Map<String, String> headers) {
    WsClient client =
        WsClient.connect(SuiteServer.ws(WsClient.withToken(path, TestTokens.TESTER)), headers);
    client.expect("connection:established");
    return client;
  }

  /** A flat frame's message fields: the frame without type and the envelope's fields. */
  private static JsonObject flatFields(JsonObject frame) {
    JsonObjectBuilder fields = Json.createObjectBuilder(frame);
    Stream.of("type", "request_id", "timestamp").forEach(fields::remove);
    return fields.build();
  }

  private HttpResponse<String> postValidate(String form, JsonObject body, String language) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(SuiteServer.http("/api/forms/" + form + "/validate"))
            .header("Authorization", "Bearer " + TestTokens.TESTER)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (language != null) {
      request.header("Accept-Language", language);
    }
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theSocketsAndHttpGiveEqualAnswers() {
    try (WsClient unified = socket("/api/ws", Map.of());
        WsClient flat = socket("/api/ws?dialect=flat", Map.of());
        WsClient legacy = socket("/api/field-sync/ws", Map.of())) {
      int n = 0;
      for (JsonObject submission : SUBMISSIONS) {
        String form = submission.getString("form");
        JsonObject http = body(postValidate(form, submission, null), 200);
        assertEquals(form, http.getString("form"));

        unified.send(envelope("validate_form", "u" + n, submission));
        JsonObject reply = unified.expect("form_validation_result");
        assertEquals("u" + n, reply.getString("requestId"));
        assertEquals(http, reply.getJsonObject("payload"));

        for (WsClient seed : List.of(flat, legacy)) {
          seed.send(flat("validate_form", "f" + n, submission));
          JsonObject frame = seed.expect("form_validation_result");
          assertEquals("f" + n, frame.getString("request_id"));
          assertEquals(http, flatFields(frame));
        }
        n++;
      }
      JsonObject second = body(postValidate("contact", SUBMISSIONS.get(1), null), 200);
      assertFalse(second.getBoolean("valid"));
      JsonArray errors = second.getJsonArray("errors");
      assertTrue(
          errors.contains(object("field", "name", "error", "must not be blank")), errors::toString);
      assertTrue(
          errors.contains(object("field", "phone", "error", "is not a field of form 'contact'")),
          errors::toString);
      assertTrue(body(postValidate("contact", SUBMISSIONS.get(0), null), 200).getBoolean("valid"));

      JsonObject field = object("form", "contact", "field", "email", "value", "ada@");
      unified.send(envelope("validate_field", "vf", field));
      JsonObject result = unified.expect("validation_result").getJsonObject("payload");
      assertEquals(
          result,
          body(
              rest.post(
                  "/api/forms/contact/fields/email/validate", object("value", "ada@").toString()),
              200));
      assertFalse(result.getBoolean("valid"));
      assertEquals("email", result.getJsonObject("metadata").getString("format"));
      legacy.send(flat("validate_field", "lf", field));
      assertEquals(result, flatFields(legacy.expect("validation_result")));
    }
  }

  @Test
  void messagesFollowTheHandshakesAndTheRequestsLanguage() {
    JsonObject blank =
        object("form", "contact", "fields", array(object("field", "name", "value", "")));
    try (WsClient german = socket("/api/ws", Map.of("Accept-Language", "de-DE,de;q=0.9,en;q=0.5"));
        WsClient english = socket("/api/ws", Map.of())) {
      german.send(envelope("validate_form", "de", blank));
      JsonObject inGerman = german.expect("form_validation_result").getJsonObject("payload");
      assertTrue(
          inGerman
              .getJsonArray("errors")
              .contains(object("field", "name", "error", "darf nicht leer sein")),
          inGerman::toString);
      assertEquals(inGerman, body(postValidate("contact", blank, "de-DE,de;q=0.9"), 200));
      english.send(envelope("validate_form", "en", blank));
      assertTrue(
          english
              .expect("form_validation_result")
              .getJsonObject("payload")
              .getJsonArray("errors")
              .contains(object("field", "name", "error", "must not be blank")));
    }
  }

  @Test
  void theFormsAndTheirConstraintsAreListed() {
    JsonArray forms = body(rest.get("/api/forms"), 200).getJsonArray("forms");
    List<String> names = forms.stream().map(f -> f.asJsonObject().getString("form")).toList();
    assertTrue(names.containsAll(List.of("Task", "contact")), names::toString);
    JsonObject contact = body(rest.get("/api/forms/contact"), 200);
    assertEquals(
        array(
            object(
                "field",
                "name",
                "type",
                "string",
                "constraints",
                object("required", true, "notBlank", true, "maxLength", 100)),
            object(
                "field",
                "email",
                "type",
                "string",
                "constraints",
                object("required", true, "notBlank", true, "format", "email")),
            object(
                "field",
                "message",
                "type",
                "string",
                "constraints",
                object("required", true, "notBlank", true, "minLength", 10, "maxLength", 2000))),
        contact.getJsonArray("fields"));
    JsonObject task = body(rest.get("/api/forms/Task"), 200);
    assertEquals(
        List.of("title", "status", "assignee", "dueDate"),
        task.getJsonArray("fields").stream()
            .map(f -> f.asJsonObject().getString("field"))
            .toList());
    assertEquals(401, rest.as(null).get("/api/forms").statusCode());
  }

  @Test
  void everyBadRequestGetsACodedErrorAndTheConnectionStaysOpen() {
    try (WsClient client = socket("/api/ws", Map.of())) {
      String[][] socket = {
        {envelope("validate_form", "1", object("form", "nope", "fields", array())), "not_found"},
        {
          envelope("validate_field", "2", object("form", "nope", "field", "x", "value", "y")),
          "not_found"
        },
        {
          envelope("validate_form", "3", object("form", "contact", "fields", "name")), "bad_message"
        },
        {
          envelope("validate_form", "4", object("form", "contact", "fields", array("name"))),
          "bad_message"
        },
        {
          envelope(
              "validate_form",
              "5",
              object("form", "contact", "fields", array(object("field", "email", "value", 5)))),
          "bad_message"
        },
        {
          envelope(
              "validate_field", "6", object("form", "Task", "field", "dueDate", "value", "soon")),
          "bad_message"
        },
        {envelope("validate_field", "7", object("field", "x", "value", "y")), "bad_message"},
        {envelope("validate_form", "8", object("fields", array())), "bad_message"}
      };
      for (String[] input : socket) {
        client.send(input[0]);
        JsonObject error = client.expectError(input[1]);
        assertTrue(error.containsKey("requestId"), error::toString);
      }
      JsonObject typed =
          object("form", "contact", "fields", array(object("field", "email", "value", 5)));
      client.send(envelope("validate_form", "9", typed));
      String message =
          client.expectError("bad_message").getJsonObject("payload").getString("message");
      assertEquals("field 'fields[0].value' must be a string", message);
      HttpResponse<String> http = postValidate("contact", typed, null);
      assertEquals(400, http.statusCode());
      assertEquals(message, Rest.json(http.body()).getString("message"));

      client.send(
          envelope(
              "validate_field", "alive", object("form", "contact", "field", "x", "value", "y")));
      JsonObject unknownField = client.expect("validation_result").getJsonObject("payload");
      assertFalse(unknownField.getBoolean("valid"));
      assertEquals("x", unknownField.getString("field"));
    }
    assertEquals(404, postValidate("nope", object("fields", array()), null).statusCode());
    assertEquals(400, postValidate("contact", object("fields", object()), null).statusCode());
    assertEquals(
        "bad_message",
        Rest.json(rest.post("/api/forms/contact/validate", "[]").body()).getString("code"));
    assertEquals(
        "bad_json",
        Rest.json(rest.post("/api/forms/contact/validate", "{not json").body()).getString("code"));
  }

  @Test
  void writesOfAnEntityWithAFormAreCheckedByIt() {
    HttpResponse<String> unknown =
        rest.post("/api/tasks", object("title", "ok", "colour", "red").toString());
    assertEquals(422, unknown.statusCode());
    JsonObject error = Rest.json(unknown.body());
    assertEquals("validation_failed", error.getString("code"));
    assertEquals(
        array(object("field", "colour", "error", "is not a field of form 'Task'")),
        error.getJsonObject("details").getJsonArray("errors"));
    HttpResponse<String> tooLong =
        rest.post("/api/tasks", object("title", "x".repeat(201)).toString());
    assertEquals(422, tooLong.statusCode());
    assertEquals(
        "title size must be between 0 and 200", Rest.json(tooLong.body()).getString("message"));
    assertEquals(400, rest.post("/api/tasks", object("title", 5).toString()).statusCode());
  }
}
