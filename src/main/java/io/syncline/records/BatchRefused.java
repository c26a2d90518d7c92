package io.syncline.records;

/**
 * A write of a {@link GroupCommit} batch was refused or failed before the batch's commit was tried:
 * the transaction rolls back for certain, so the writes may be applied again. {@link #index()} is
 * the refused write's place in the batch; the writes before it were applied without a refusal. A
 * failure of the batch's read-ahead or of the flush that ends it is {@linkplain #unattributed
 * unattributed}: each write of the batch may have caused it.
 */
final class BatchRefused extends RuntimeException {

  private final int index;

  BatchRefused(int index, RuntimeException refused) {
    super(refused.getMessage(), refused, false, false);
    this.index = index;
  }

  /** The batch's read-ahead or last flush failed: any of its writes may be the cause. */
  static BatchRefused unattributed(RuntimeException failed) {
    return new BatchRefused(-1, failed);
  }

  /** The refused write's place in its batch, or -1 if unattributed. */
  int index() {
    return index;
  }
}
