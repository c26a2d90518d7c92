package io.syncline.rest;

import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A transaction that failed to commit answers 500 {@code internal} in JSON like every other
 * failure; named on its own because Jersey (Payara) ships a mapper for this type that would
 * otherwise rethrow it to the servlet container's HTML error page.
 */
@Provider
public class TransactionFailureMapper implements ExceptionMapper<TransactionalException> {

  @Override
  public Response toResponse(TransactionalException e) {
    return FailureMapper.internal(e);
  }
}
