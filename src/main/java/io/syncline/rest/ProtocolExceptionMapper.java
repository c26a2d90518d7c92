package io.syncline.rest;

import io.syncline.ops.connections.LiveConnections;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.RateLimitedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request answers with its code's HTTP status and an {@link ErrorBody}. */
@Provider
public class ProtocolExceptionMapper implements ExceptionMapper<ProtocolException> {

  @Override
  public Response toResponse(ProtocolException e) {
    LiveConnections.refused("http", e.code().wireName(), null, null);
    Response response = ErrorBody.response(e.code(), e.getMessage(), e.details());
    if (e instanceof RateLimitedException limited) {
      return Response.fromResponse(response)
          .header("Retry-After", Math.max(1, (limited.retryAfterMs() + 999) / 1000))
          .build();
    }
    if (e.code() == ErrorCode.UNAUTHENTICATED) {
      return Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build();
    }
    return response;
  }
}
