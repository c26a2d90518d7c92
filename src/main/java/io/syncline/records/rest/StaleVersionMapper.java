package io.syncline.records.rest;

import io.syncline.records.StaleVersionException;
import io.syncline.rest.ErrorBody;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A stale {@code If-Match} answers 412 Precondition Failed, with the current version as ETag. */
@Provider
public class StaleVersionMapper implements ExceptionMapper<StaleVersionException> {

  @Override
  public Response toResponse(StaleVersionException e) {
    return Response.fromResponse(ErrorBody.response(e.code(), e.getMessage(), e.details()))
        .status(Response.Status.PRECONDITION_FAILED)
        .tag(new EntityTag(Long.toString(e.currentVersion())))
        .build();
  }
}
