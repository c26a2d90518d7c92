package io.syncline.forms;

import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.FieldError;
import io.syncline.protocol.FormValidationResult;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.ValidationResult;
import io.syncline.task.Task;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.Validation;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Forms declared with Bean Validation, validated field by field and whole, and as write checks. */
class FormValidationTest {

  private static final Forms FORMS =
      new Forms(
          List.of(
              new AnnotatedForms(
                  List.of(ContactForm.class, Task.class),
                  Validation.buildDefaultValidatorFactory())));
  private final FormValidation validation = new FormValidation(FORMS);

  private static JsonValue json(String text) {
    return Json.createReader(new StringReader(text)).readValue();
  }

  @Test
  void aFieldIsValidatedWithItsConstraintsAsMetadata() {
    ValidationResult bad =
        validation.field("contact", "email", Json.createValue("not-an-email"), Locale.ENGLISH);
    assertFalse(bad.valid());
    assertEquals("must be a well-formed email address", bad.error());
    assertEquals(object("required", true, "notBlank", true, "format", "email"), bad.metadata());
    ValidationResult good =
        validation.field("contact", "email", Json.createValue("ada@example.com"), Locale.ENGLISH);
    assertTrue(good.valid());
    assertNull(good.error());
    assertEquals(
        200,
        validation
            .field("Task", "title", Json.createValue("x"), Locale.ENGLISH)
            .metadata()
            .getInt("maxLength"));
  }

  @Test
  void anUnknownFieldIsInvalidAndAnUnknownFormIsNotFound() {
    ValidationResult unknown =
        validation.field("contact", "phone", Json.createValue("1"), Locale.ENGLISH);
    assertFalse(unknown.valid());
    assertEquals("phone", unknown.field());
    assertEquals("is not a field of form 'contact'", unknown.error());
    ProtocolException missing =
        assertThrows(
            ProtocolException.class,
            () -> validation.field("nope", "x", JsonValue.NULL, Locale.ENGLISH));
    assertEquals(ErrorCode.NOT_FOUND, missing.code());
  }

  @Test
  void aWholeFormHasOneErrorPerFailingConstraintAndMissingFieldsCountAsMissing() {
    FormValidationResult result =
        validation.form(
            "contact",
            array(
                object("field", "email", "value", "x"),
                object("field", "message", "value", "short")),
            Locale.ENGLISH);
    assertFalse(result.valid());
    assertEquals(
        List.of(
            new FieldError("name", "must not be blank"),
            new FieldError("email", "must be a well-formed email address"),
            new FieldError("message", "size must be between 10 and 2000")),
        result.errors());
    assertTrue(
        validation
            .form(
                "contact",
                array(
                    object("field", "name", "value", "Ada"),
                    object("field", "email", "value", "ada@example.com"),
                    object("field", "message", "value", "long enough now")),
                Locale.ENGLISH)
            .valid());
  }

  @Test
  void messagesAreInTheCallersLanguage() {
    ValidationResult german =
        validation.field("contact", "name", Json.createValue(""), Locale.GERMAN);
    assertEquals("darf nicht leer sein", german.error());
  }

  @Test
  void malformedRequestsAreBadMessagesNamingWhatIsWrong() {
    // raw on purpose: each is a malformed request, as a client would send it
    for (String[] bad :
        new String[][] {
          {"{\"fields\":1}", "field 'fields' must be an array"},
          {"[{\"value\":1}]", "field 'fields[0]'"},
          {"[{\"field\":\"email\",\"value\":5}]", "field 'fields[0].value' must be a string"},
          {"[{\"field\":\"name\"},{\"field\":\"name\"}]", "field 'fields[1].field' names 'name'"}
        }) {
      JsonValue fields = json(bad[0]);
      ProtocolException refused =
          assertThrows(
              ProtocolException.class,
              () ->
                  validation.form(
                      "contact",
                      fields instanceof JsonObject o ? o.get("fields") : fields,
                      Locale.ENGLISH));
      assertEquals(ErrorCode.BAD_MESSAGE, refused.code());
      assertTrue(refused.getMessage().startsWith(bad[1]), refused.getMessage());
    }
    ProtocolException wrongType =
        assertThrows(
            ProtocolException.class,
            () ->
                validation.field("Task", "dueDate", Json.createValue("tomorrow"), Locale.ENGLISH));
    assertEquals("field 'value' must be a date (YYYY-MM-DD)", wrongType.getMessage());
  }

  @Test
  void aFormNamedLikeAnEntityChecksEveryRecordWritten() {
    FormCheck check = new FormCheck(FORMS, validation);
    check.check("Other", "1", object("anything", 1));
    check.check("Task", "1", object("title", "ok", "dueDate", "2030-01-01"));
    ProtocolException invalid =
        assertThrows(
            ProtocolException.class,
            () -> check.check("Task", "1", object("status", "open", "colour", "red")));
    assertEquals(ErrorCode.VALIDATION_FAILED, invalid.code());
    assertEquals("colour is not a field of form 'Task'; title is required", invalid.getMessage());
    ProtocolException wrongType =
        assertThrows(ProtocolException.class, () -> check.check("Task", "1", object("title", 5)));
    assertEquals(ErrorCode.BAD_MESSAGE, wrongType.code());
  }
}
