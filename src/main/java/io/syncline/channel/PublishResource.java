package io.syncline.channel;

import io.syncline.protocol.Published;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** Server-side publish for back-end services; who may publish is the channel policy's call. */
@Path("channels/{channel}/messages")
public class PublishResource {

  @Inject private ChannelService channels;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response publish(
      @PathParam("channel") String channel,
      @NotNull(message = "a JSON body {type, payload} is required") @Valid PublishRequest request,
      @Context SecurityContext security) {
    int delivered =
        channels.publish(
            security.getUserPrincipal(), channel, new Published(request.type(), request.payload()));
    return Response.accepted(new PublishResult(channel, request.type(), delivered)).build();
  }
}
