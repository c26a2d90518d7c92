package io.syncline.push;

import io.syncline.cluster.Cluster;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.Push;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Conflicts waiting for their pusher's {@code conflict:resolve}, kept in a {@link Cluster} map (the
 * refused push as JSON), so the pusher may resolve on another node than the one that detected the
 * conflict. In a cluster an open conflict expires after {@value #TTL_HOURS} hours; on one node the
 * oldest are dropped past {@value #MAX}.
 */
@ApplicationScoped
public class PendingConflicts {

  /** A refused push and who sent it. */
  record Pending(String actor, Push push) {}

  private static final String MAP = "pending-conflicts";
  private static final int MAX = 10_000;
  private static final long TTL_HOURS = 24;

  private Cluster cluster;

  protected PendingConflicts() {}

  @Inject
  public PendingConflicts(Cluster cluster) {
    this.cluster = cluster;
  }

  String add(String actor, Push push) {
    Map<String, String> pending = cluster.map(MAP);
    if (!cluster.isClustered() && pending.size() >= MAX) {
      pending.keySet().stream().findAny().ifPresent(pending::remove);
    }
    String id = UUID.randomUUID().toString();
    cluster.put(
        MAP,
        id,
        actor + "\n" + JsonFactory.jsonb().toJson(push),
        TimeUnit.HOURS.toMillis(TTL_HOURS));
    return id;
  }

  /** Takes a conflict out; only its pusher may settle it, and only once. */
  Pending take(String conflictId, String actor) {
    Map<String, String> pending = cluster.map(MAP);
    String stored = pending.get(conflictId);
    int split = stored == null ? -1 : stored.indexOf('\n');
    if (split < 0
        || !stored.substring(0, split).equals(actor)
        || !pending.remove(conflictId, stored)) {
      throw new ProtocolException(ErrorCode.NOT_FOUND, "no open conflict " + conflictId);
    }
    return new Pending(
        actor, JsonFactory.jsonb().fromJson(stored.substring(split + 1), Push.class));
  }
}
