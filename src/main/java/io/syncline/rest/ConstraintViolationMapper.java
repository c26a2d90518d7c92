package io.syncline.rest;

import io.syncline.protocol.ErrorCode;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/** A request body that fails its constraints answers 400 {@code bad_message}, naming the fields. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    String message =
        e.getConstraintViolations().stream()
            .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
            .sorted()
            .collect(Collectors.joining("; "));
    return ErrorBody.response(ErrorCode.BAD_MESSAGE, message, null);
  }

  /** {@code publish.arg1.type} → {@code type}. */
  private static String lastNode(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
