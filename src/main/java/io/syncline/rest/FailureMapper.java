package io.syncline.rest;

import io.syncline.protocol.ErrorCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure no other mapper names answers with the same JSON error body as the rest: the JAX-RS
 * runtime's own refusals (no such path 404, method 405, media type 415, …) keep their status with a
 * code; anything else, such as a transaction that failed to commit, is 500 {@code internal}
 * (logged; nothing of it was stored, and the request may be retried). What a failed commit throws
 * differs: WildFly's {@code @Transactional} rethrows the checked {@code RollbackException}, hence
 * {@code Throwable}; Payara's {@code TransactionalException} has a mapper of Jersey's own, which
 * {@link TransactionFailureMapper} overrides.
 */
@Provider
public class FailureMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(FailureMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof WebApplicationException web) {
      int status = web.getResponse().getStatus();
      ErrorCode code = codeFor(status);
      return Response.fromResponse(ErrorBody.response(code, message(web, code), null))
          .status(status)
          .build();
    }
    return internal(e);
  }

  /** 500 {@code internal}, logged. */
  static Response internal(Throwable e) {
    LOG.log(Level.WARNING, "A request failed", e);
    return ErrorBody.response(
        ErrorCode.INTERNAL,
        "the server failed; nothing was stored and the request may be retried",
        null);
  }

  private static ErrorCode codeFor(int status) {
    return switch (status) {
      case 401 -> ErrorCode.UNAUTHENTICATED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 409 -> ErrorCode.CONFLICT;
      case 413 -> ErrorCode.TOO_LARGE;
      case 429 -> ErrorCode.RATE_LIMITED;
      default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_MESSAGE;
    };
  }

  private static String message(WebApplicationException web, ErrorCode code) {
    if (code == ErrorCode.INTERNAL) {
      LOG.log(Level.WARNING, "A request failed", web);
      return "the server failed";
    }
    String reason = web.getResponse().getStatusInfo().getReasonPhrase();
    return reason == null || reason.isBlank()
        ? "refused"
        : reason.toLowerCase(java.util.Locale.ROOT);
  }
}
