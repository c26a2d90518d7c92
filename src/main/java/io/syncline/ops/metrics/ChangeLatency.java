package io.syncline.ops.metrics;

import io.syncline.protocol.Change;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;

/** Times each committed change from its timestamp to the moment the sequencer hands it out. */
@ApplicationScoped
public class ChangeLatency {

  void delivered(@Observes Change change) {
    Instant at = change.timestamp();
    if (at != null) {
      long nanos = Duration.between(at, Instant.now()).toNanos();
      Metrics.COMMIT_TO_BROADCAST.observe(Math.max(0, nanos) / 1e9);
    }
  }
}
