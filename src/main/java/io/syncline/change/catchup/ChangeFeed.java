package io.syncline.change.catchup;

import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import io.syncline.security.ChannelPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Catch-up reads of the feed, refusing ranges the log no longer holds. */
@ApplicationScoped
public class ChangeFeed {

  @Inject private ChangeQueries queries;
  @Inject private ChannelPolicy policy;
  @Inject private ActorContext actors;

  /**
   * The changes after {@code since}, one page at a time.
   *
   * @throws ProtocolException {@code resync_required} when part of the range was pruned
   */
  public ChangeQueries.Page since(String entity, long since, int limit) {
    long pruned = queries.prunedThrough();
    if (since < pruned) {
      throw new ProtocolException(
          ErrorCode.RESYNC_REQUIRED,
          "changes up to version " + pruned + " are no longer kept; reload and follow from there",
          JsonFactory.JSON.createObjectBuilder().add("prunedThrough", pruned).build());
    }
    Caller caller = actors.caller();
    if (entity != null) {
      policy.checkRead(caller, entity);
    }
    Metrics.CATCH_UP_PAGES.inc();
    return visible(caller, queries.since(entity, since, Math.max(1, limit)));
  }

  /** The page without the changes {@code caller} may not see. */
  public ChangeQueries.Page visible(Caller caller, ChangeQueries.Page page) {
    return new ChangeQueries.Page(
        page.changes().stream().filter(change -> policy.mayRead(caller, change)).toList(),
        page.lastVersion(),
        page.hasMore());
  }
}
