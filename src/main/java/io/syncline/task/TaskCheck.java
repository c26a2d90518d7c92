package io.syncline.task;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.records.WriteCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;

/** Every Task written, from any edge, must bind to a {@link Task} and pass its constraints. */
@ApplicationScoped
public class TaskCheck implements WriteCheck {

  @Inject private Validator validator;

  @Override
  public void check(String entity, String id, JsonObject next) {
    if (!TaskStore.ENTITY.equals(entity)) {
      return;
    }
    Set<ConstraintViolation<Task>> violations = validator.validate(TaskStore.fromJson(next));
    if (!violations.isEmpty()) {
      throw new ProtocolException(
          ErrorCode.VALIDATION_FAILED,
          violations.stream()
              .map(v -> v.getPropertyPath() + " " + v.getMessage())
              .sorted()
              .collect(Collectors.joining("; ")));
    }
  }
}
