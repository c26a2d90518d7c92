package io.syncline.schema.rest;

import io.syncline.rest.ErrorBody;
import io.syncline.schema.SchemaRefusal;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused schema request answers its own status, and a 412 the latest version as ETag. */
@Provider
public class SchemaRefusalMapper implements ExceptionMapper<SchemaRefusal> {

  @Override
  public Response toResponse(SchemaRefusal e) {
    Response.ResponseBuilder response =
        Response.fromResponse(ErrorBody.response(e.code(), e.getMessage(), e.details()))
            .status(e.httpStatus());
    if (e.currentVersion() != null) {
      response.tag(new EntityTag(Long.toString(e.currentVersion())));
    }
    return response.build();
  }
}
