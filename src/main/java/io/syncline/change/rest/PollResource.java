package io.syncline.change.rest;

import io.syncline.change.poll.LongPolls;
import io.syncline.config.SynclineConfig;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /api/poll?channels=entity:Task,entity:Note:7&since=N}: the long-poll fallback for
 * clients without WebSockets. Answers {@code {changes, lastVersion, hasMore}} as {@code /api/sync}
 * does, as soon as there is a change after N on those channels, or empty at the timeout. Other
 * kinds of channel are refused at once with {@code bad_channel}.
 */
@Path("poll")
public class PollResource {

  @Inject private LongPolls polls;
  @Inject private SynclineConfig config;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public void poll(
      @QueryParam("channels") String channels,
      @QueryParam("since") @DefaultValue("0") long since,
      @QueryParam("timeout") Long timeoutMs,
      @Suspended AsyncResponse response) {
    if (channels == null || channels.isBlank()) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "query parameter 'channels' is required");
    }
    List<ChannelName> names =
        Arrays.stream(channels.split(",")).map(String::trim).map(ChannelName::parse).toList();
    for (ChannelName name : names) {
      if (name.kind() != ChannelName.Kind.ENTITY) {
        // refused at once rather than left to time out with nothing: only the change feed polls
        throw new ProtocolException(
            ErrorCode.BAD_CHANNEL,
            "channel '"
                + name
                + "' is not served by long-poll: /api/poll follows entity: channels; use the"
                + " WebSocket for "
                + name.kind().prefix()
                + " channels");
      }
    }
    long timeout =
        timeoutMs == null
            ? config.pollTimeoutMs()
            : Math.max(0, Math.min(timeoutMs, config.pollTimeoutMs()));
    polls.poll(names, since, config.syncPageSize(), timeout, response);
  }
}
