package io.syncline.records;

/**
 * A write of a {@link GroupCommit} batch was refused or failed before the batch's commit was tried:
 * the transaction rolls back for certain, so the writes may be applied again. {@link #index()} is
 * the refused write's place in the batch; the writes before it were applied without a refusal.
 */
final class BatchRefused extends RuntimeException {

  private final int index;

  BatchRefused(int index, RuntimeException refused) {
    super(refused.getMessage(), refused, false, false);
    this.index = index;
  }

  /** The refused write's place in its batch. */
  int index() {
    return index;
  }
}
