package io.syncline.ops.health;

import io.syncline.change.catchup.ChangeQueries;
import io.syncline.change.sequencer.ChangeSequencer;
import io.syncline.channel.SendWriters;
import io.syncline.cluster.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's liveness (its threads run) and readiness (it can serve: database, feed, cluster).
 */
@ApplicationScoped
public class HealthChecks {

  @Inject private ChangeQueries queries;
  @Inject private ChangeSequencer sequencer;
  @Inject private SendWriters writers;
  @Inject private Cluster cluster;

  @Inject
  @ConfigProperty(name = "syncline.health.max-sequencer-lag", defaultValue = "1000")
  long maxSequencerLag;

  /** Live: the send writers and the change sequencer's thread run. */
  public HealthReport liveness() {
    return new HealthReport(
        List.of(
            Checks.thread("send-writers", writers.running(), "the send writer pool"),
            Checks.thread(
                "change-sequencer-thread", sequencer.polling(), "the change sequencer's thread")));
  }

  /** Ready: the database answers, the sequencer is caught up, the cluster (if any) is joined. */
  public HealthReport readiness() {
    long[] head = {-1};
    Check database =
        Checks.database(
            () -> {
              head[0] = queries.lastVersion();
              return head[0];
            });
    Check feed =
        database.up()
            ? Checks.sequencer(head[0], sequencer.currentVersion(), maxSequencerLag)
            : Check.down("change-sequencer", "unknown: the database did not answer", Map.of());
    return new HealthReport(
        List.of(
            database,
            feed,
            Checks.cluster(
                cluster.isClustered(),
                cluster.nodeId(),
                cluster.nodes().size(),
                cluster.dropped())));
  }
}
