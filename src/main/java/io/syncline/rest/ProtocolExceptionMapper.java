package io.syncline.rest;

import io.syncline.protocol.ProtocolException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request answers with its code's HTTP status and an {@link ErrorBody}. */
@Provider
public class ProtocolExceptionMapper implements ExceptionMapper<ProtocolException> {

  @Override
  public Response toResponse(ProtocolException e) {
    return ErrorBody.response(e.code(), e.getMessage(), e.details());
  }
}
