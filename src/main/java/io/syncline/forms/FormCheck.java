package io.syncline.forms;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.FieldError;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.records.WriteCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A form named like an entity checks every record of that entity written, from any edge: a field
 * the form does not have, or a constraint broken, refuses the write with {@code validation_failed}
 * (the failures in {@code details.errors}); a value of the wrong type with {@code bad_message}.
 */
@ApplicationScoped
public class FormCheck implements WriteCheck {

  private Forms forms;
  private FormValidation validation;

  protected FormCheck() {}

  @Inject
  public FormCheck(Forms forms, FormValidation validation) {
    this.forms = forms;
    this.validation = validation;
  }

  @Override
  public void check(String entity, String id, JsonObject next) {
    Optional<FormDefinition> form = forms.find(entity);
    if (form.isEmpty() || !form.get().checksWrites()) {
      return;
    }
    List<FieldError> errors = validation.record(form.get(), next);
    if (!errors.isEmpty()) {
      throw new ProtocolException(
          ErrorCode.VALIDATION_FAILED,
          errors.stream()
              .map(error -> error.field() + " " + error.error())
              .sorted()
              .collect(Collectors.joining("; ")),
          JsonFactory.JSON
              .createObjectBuilder()
              .add("errors", FormValidation.json(errors))
              .build());
    }
  }
}
