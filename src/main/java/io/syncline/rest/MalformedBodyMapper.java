package io.syncline.rest;

import io.syncline.protocol.ErrorCode;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request body that cannot be read as JSON answers 400 {@code bad_json}; any other failure to
 * process a request answers 500 {@code internal}.
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

  private static final Logger LOG = Logger.getLogger(MalformedBodyMapper.class.getName());

  @Override
  public Response toResponse(ProcessingException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonException || cause instanceof JsonbException) {
        return ErrorBody.response(
            ErrorCode.BAD_JSON, "the body is not valid JSON: " + cause.getMessage(), null);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    LOG.log(Level.WARNING, "Request processing failed", e);
    return ErrorBody.response(ErrorCode.INTERNAL, "the server failed", null);
  }
}
