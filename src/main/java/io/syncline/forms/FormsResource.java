package io.syncline.forms;

import io.syncline.protocol.FormValidationResult;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ValidationResult;
import io.syncline.rest.JsonBodies;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/**
 * {@code /api/forms}: the forms and their fields' constraints, and validation over HTTP with the
 * same answers as the socket's {@code validate_form} and {@code validate_field}, in the language of
 * {@code Accept-Language} (default English).
 */
@Path("forms")
@Produces(MediaType.APPLICATION_JSON)
public class FormsResource {

  @Inject private Forms forms;
  @Inject private FormValidation validation;
  @Context private HttpHeaders headers;

  @GET
  public JsonObject list() {
    JsonArrayBuilder all = JsonFactory.JSON.createArrayBuilder();
    forms.all().forEach(form -> all.add(describe(form)));
    return JsonFactory.JSON.createObjectBuilder().add("forms", all).build();
  }

  @GET
  @Path("{form}")
  public JsonObject form(@PathParam("form") String form) {
    return describe(forms.get(form));
  }

  /** The body of {@code validate_form}: {@code {fields: [{field, value}, …]}}. */
  @POST
  @Path("{form}/validate")
  @Consumes(MediaType.APPLICATION_JSON)
  public FormValidationResult validate(@PathParam("form") String form, String body) {
    return validation.form(form, JsonBodies.object(body).get("fields"), locale());
  }

  /** The body of {@code validate_field} without its names: {@code {value}}. */
  @POST
  @Path("{form}/fields/{field}/validate")
  @Consumes(MediaType.APPLICATION_JSON)
  public ValidationResult validateField(
      @PathParam("form") String form, @PathParam("field") String field, String body) {
    return validation.field(form, field, JsonBodies.object(body).get("value"), locale());
  }

  private Locale locale() {
    return headers.getAcceptableLanguages().stream()
        .filter(locale -> !locale.getLanguage().isEmpty() && !locale.getLanguage().equals("*"))
        .findFirst()
        .orElse(Locale.ENGLISH);
  }

  private static JsonObject describe(FormDefinition form) {
    JsonArrayBuilder fields = JsonFactory.JSON.createArrayBuilder();
    form.fields()
        .forEach(
            field ->
                fields.add(
                    JsonFactory.JSON
                        .createObjectBuilder()
                        .add("field", field.field())
                        .add("type", field.type())
                        .add("constraints", field.constraints())));
    return JsonFactory.JSON
        .createObjectBuilder()
        .add("form", form.name())
        .add("fields", fields)
        .build();
  }
}
