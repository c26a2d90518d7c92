package io.syncline.change;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;

/** Catch-up reads of the feed, refusing ranges the log no longer holds. */
@ApplicationScoped
public class ChangeFeed {

  @Inject private ChangeQueries queries;

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
          Json.createObjectBuilder().add("prunedThrough", pruned).build());
    }
    return queries.since(entity, since, Math.max(1, limit));
  }
}
