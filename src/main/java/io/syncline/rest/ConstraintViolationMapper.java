package io.syncline.rest;

import io.syncline.protocol.ConstraintMessages;
import io.syncline.protocol.ErrorCode;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that fails its constraints answers 400 {@code bad_message}, naming the fields. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    return ErrorBody.response(
        ErrorCode.BAD_MESSAGE,
        ConstraintMessages.forRequestBody(e.getConstraintViolations()),
        null);
  }
}
