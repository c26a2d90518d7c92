package io.syncline.rest;

import io.syncline.protocol.ErrorCode;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A transaction that failed to commit (the database refused a row at the commit-time flush) answers
 * 500 {@code internal}: nothing of it was stored, and the request may be retried.
 */
@Provider
public class TransactionFailureMapper implements ExceptionMapper<TransactionalException> {

  private static final Logger LOG = Logger.getLogger(TransactionFailureMapper.class.getName());

  @Override
  public Response toResponse(TransactionalException e) {
    LOG.log(Level.WARNING, "A transaction failed and was rolled back", e);
    return ErrorBody.response(
        ErrorCode.INTERNAL,
        "the server failed; nothing was stored and the request may be retried",
        null);
  }
}
