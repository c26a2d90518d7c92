package io.syncline.change.rest;

import io.syncline.change.catchup.ChangeFeed;
import io.syncline.change.catchup.ChangeQueries;
import io.syncline.change.pruning.ChangePruner;
import io.syncline.change.sequencer.ChangeSequencer;
import io.syncline.config.SynclineConfig;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.rest.JsonBodies;
import io.syncline.security.ActorContext;
import io.syncline.security.ChannelPolicy;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/sync}: the changes after a version, for catching up over HTTP. */
@Path("sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {

  @Inject private ChangeFeed feed;
  @Inject private ChangePruner pruner;
  @Inject private SynclineConfig config;
  @Inject private ChangeQueries queries;
  @Inject private ChangeSequencer sequencer;
  @Inject private ChannelPolicy policy;
  @Inject private ActorContext actors;

  @GET
  public ChangeQueries.Page all(
      @QueryParam("since") @DefaultValue("0") long since, @QueryParam("limit") Integer limit) {
    return feed.since(null, since, limit(limit));
  }

  @GET
  @Path("{entity}")
  public ChangeQueries.Page entity(
      @PathParam("entity") String entity,
      @QueryParam("since") @DefaultValue("0") long since,
      @QueryParam("limit") Integer limit) {
    return feed.since(entity, since, limit(limit));
  }

  /** Where the feed stands: the last committed version, and the last one delivered here. */
  @GET
  @Path("status")
  public JsonObject status() {
    return JsonFactory.JSON
        .createObjectBuilder()
        .add("committed", queries.lastVersion())
        .add("delivered", sequencer.currentVersion())
        .add("prunedThrough", queries.prunedThrough())
        .build();
  }

  /**
   * Drops the log's changes up to {@code through}; clients behind it must reload. Admin only: it
   * forces every client that is behind to resync.
   */
  @POST
  @Path("prune")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonObject prune(String body) {
    policy.checkAdministration(actors.caller(), "pruning the change log");
    JsonValue through = JsonBodies.object(body).get("through");
    if (!(through instanceof JsonNumber version) || !version.isIntegral()) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "field 'through' must be a version");
    }
    return pruner.pruneThrough(version.longValue());
  }

  private int limit(Integer requested) {
    int max = config.syncPageSize();
    return requested == null ? max : Math.max(1, Math.min(requested, max));
  }
}
