package io.syncline.change.log;

import io.syncline.protocol.Change;
import java.util.List;

/**
 * Where the log hands its changes once their transaction has committed (the change sequencer, which
 * puts them in version order). An interface, so the log does not depend on who delivers.
 */
public interface CommittedChanges {

  /** Takes the log's current end as the point from which changes are delivered, once. */
  void ensureStarted();

  /** Changes whose transaction committed, in any order. */
  void committed(List<Change> changes);
}
