package io.syncline.rest;

import io.syncline.protocol.ErrorCode;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON, or not the expected shape, answers 400 {@code bad_json}. */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<JsonbException> {

  @Override
  public Response toResponse(JsonbException e) {
    return ErrorBody.response(ErrorCode.BAD_JSON, "the body is not valid JSON: " + e.getMessage(), null);
  }
}
