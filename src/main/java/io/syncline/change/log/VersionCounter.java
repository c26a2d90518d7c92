package io.syncline.change.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The single row that hands out change versions. Writers increment it under a row lock held to
 * commit, which makes versions gap-free and commit-ordered (docs/change-feed.md).
 */
@Entity
@Table(name = "SYNC_COUNTER")
public class VersionCounter {

  public static final int ID = 1;

  @Id
  @Column(name = "ID")
  private int id;

  /** The last version handed out. */
  @Column(name = "COUNTER_VALUE", nullable = false)
  private long value;

  /** Versions up to this one have been pruned from the log. */
  @Column(name = "PRUNED_THROUGH", nullable = false)
  private long prunedThrough;

  protected VersionCounter() {}

  VersionCounter(int id) {
    this.id = id;
  }

  public long value() {
    return value;
  }

  public long prunedThrough() {
    return prunedThrough;
  }

  /** Records that versions up to this one are gone from the log; only the pruner calls it. */
  public void prunedThrough(long version) {
    this.prunedThrough = version;
  }
}
