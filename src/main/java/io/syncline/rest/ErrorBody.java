package io.syncline.rest;

import io.syncline.protocol.ErrorCode;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON body of every REST error: the same fields as the socket's {@code error} payload. */
public record ErrorBody(String code, String message, JsonValue details, boolean recoverable) {

  public static Response response(ErrorCode code, String message, JsonValue details) {
    return Response.status(code.httpStatus())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(code.wireName(), message, details, code.recoverable()))
        .build();
  }
}
