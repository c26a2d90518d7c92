package io.syncline.channel;

import io.syncline.protocol.Published;
import io.syncline.security.ActorContext;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Server-side publish for back-end services; who may publish is the channel policy's call. */
@Path("channels/{channel}/messages")
public class PublishResource {

  @Inject private ChannelService channels;
  @Inject private ActorContext actors;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response publish(
      @PathParam("channel") String channel,
      @NotNull(message = "a JSON body {type, payload} is required") @Valid PublishRequest request) {
    int delivered =
        channels.publish(
            actors.caller(), channel, new Published(request.type(), request.payload()));
    return Response.accepted(new PublishResult(channel, request.type(), delivered)).build();
  }
}
