package io.syncline.records;

/**
 * A write of a {@link GroupCommit} batch was refused or failed before the batch's commit was tried:
 * the transaction rolls back for certain, so each write may be applied again on its own.
 */
final class BatchRefused extends RuntimeException {

  BatchRefused(RuntimeException refused) {
    super(refused.getMessage(), refused, false, false);
  }
}
