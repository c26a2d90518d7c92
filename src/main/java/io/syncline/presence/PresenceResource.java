package io.syncline.presence;

import io.syncline.protocol.ChannelName;
import io.syncline.protocol.PresenceUser;
import io.syncline.security.ActorContext;
import io.syncline.security.ChannelPolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/presence/{resource}}: who is present, for those who may see the resource. */
@Path("presence/{resource}")
public class PresenceResource {

  @Inject private PresenceTracker presence;
  @Inject private ChannelPolicy policy;
  @Inject private ActorContext actors;

  /** The answer: the resource, how many are present, and who. */
  public record Present(String resource, int count, List<PresenceUser> users) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Present present(@PathParam("resource") String resource) {
    policy.checkSubscribe(actors.caller(), ChannelName.parse(ChannelName.presence(resource)));
    List<PresenceUser> users = presence.present(resource);
    return new Present(resource, users.size(), users);
  }
}
