package io.syncline.ops.admin;

import io.syncline.channel.ChannelManager;
import io.syncline.ops.connections.LiveConnection;
import io.syncline.ops.connections.LiveConnections;
import io.syncline.ops.log.EventLog;
import io.syncline.ops.log.LogSetup;
import io.syncline.ops.log.RecentErrors;
import io.syncline.ops.metrics.ChannelTraffic;
import io.syncline.ops.metrics.Gauges;
import io.syncline.ops.metrics.Metrics;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.CloseCode;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ErrorMessage;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.PresenceUser;
import io.syncline.protocol.ProtocolException;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The admin page's data and its two actions; role {@code admin} only, each action audited. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

  private static final int LISTED = 20;

  @Inject private ActorContext actors;
  @Inject private LoadSampler sampler;
  @Inject private Gauges gauges;
  @Inject private LiveConnections live;
  @Inject private ChannelManager channels;
  @Inject private LogSetup logs;

  @GET
  @Path("overview")
  public JsonObject overview() {
    admin();
    JsonArrayBuilder samples = Json.createArrayBuilder();
    for (Sample sample : sampler.samples()) {
      JsonObjectBuilder point =
          Json.createObjectBuilder()
              .add("time", sample.time())
              .add("connections", sample.connections())
              .add("deliveriesPerSecond", sample.deliveriesPerSecond())
              .add("maxQueueDepth", sample.maxQueueDepth())
              .add("refusals", sample.refusals());
      if (sample.p99LatencyMs() == null) {
        point.addNull("p99LatencyMs");
      } else {
        point.add("p99LatencyMs", sample.p99LatencyMs());
      }
      samples.add(point);
    }
    long head = gauges.changeLogVersion();
    long delivered = gauges.deliveredVersion();
    return Json.createObjectBuilder()
        .add("now", System.currentTimeMillis())
        .add("sampleIntervalMs", sampler.intervalMs())
        .add("samples", samples)
        .add("connections", connections())
        .add("channels", busiest())
        .add("presence", presence())
        .add(
            "feed",
            Json.createObjectBuilder()
                .add("head", head)
                .add("delivered", delivered)
                .add("lag", Math.max(0, head - delivered)))
        .add("errors", errors())
        .build();
  }

  @POST
  @Path("connections/{id}/disconnect")
  public JsonObject disconnect(@PathParam("id") String id) {
    Caller admin = admin();
    LiveConnection connection = live.find(id);
    if (connection == null) {
      throw new ProtocolException(ErrorCode.NOT_FOUND, "no open connection " + id);
    }
    EventLog.warn(
        "admin_disconnect",
        "admin",
        admin.userId(),
        "connection",
        id,
        "user",
        connection.subscriber().userId());
    connection.subscriber().close(CloseCode.GOING_AWAY, "closed by an operator");
    return Json.createObjectBuilder().add("disconnected", id).build();
  }

  @POST
  @Path("channels/{channel}/resync")
  public JsonObject resync(@PathParam("channel") String channel) {
    Caller admin = admin();
    ChannelName.parse(channel);
    int told =
        channels.publishEverywhere(
            channel,
            Outbound.onChannel(
                channel,
                new ErrorMessage(
                    ErrorCode.RESYNC_REQUIRED.wireName(),
                    "an operator asked this channel's subscribers to reload",
                    null,
                    true,
                    null)),
            subscriber -> true);
    Metrics.RESYNCS_FORCED.inc();
    EventLog.warn("admin_resync", "admin", admin.userId(), "channel", channel, "subscribers", told);
    return Json.createObjectBuilder().add("channel", channel).add("subscribers", told).build();
  }

  private Caller admin() {
    Caller caller = actors.caller();
    if (caller == null || !caller.hasRole("admin")) {
      throw new ProtocolException(ErrorCode.FORBIDDEN, "the admin page needs role admin");
    }
    return caller;
  }

  private JsonArrayBuilder connections() {
    JsonArrayBuilder array = Json.createArrayBuilder();
    live.all().stream()
        .sorted(Comparator.comparing(LiveConnection::opened).reversed())
        .limit(100)
        .forEach(
            connection ->
                array.add(
                    Json.createObjectBuilder()
                        .add("id", connection.id())
                        .add("user", String.valueOf(connection.subscriber().userId()))
                        .add("endpoint", connection.endpoint())
                        .add("dialect", connection.dialect())
                        .add("opened", connection.opened().toString())
                        .add("framesIn", connection.framesIn())
                        .add("framesOut", connection.subscriber().framesQueued())
                        .add("queued", connection.subscriber().queued())
                        .add("channels", channels.channelsOf(connection.subscriber()).size())));
    return array;
  }

  private JsonArrayBuilder busiest() {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (ChannelTraffic.Busy busy : ChannelTraffic.busiest(LISTED)) {
      array.add(
          Json.createObjectBuilder()
              .add("channel", busy.channel())
              .add("delivered", busy.delivered())
              .add("subscribers", channels.subscribers(busy.channel()).size()));
    }
    return array;
  }

  private JsonArrayBuilder presence() {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Map.Entry<String, List<PresenceUser>> room : gauges.presenceRooms().entrySet()) {
      JsonArrayBuilder members = Json.createArrayBuilder();
      room.getValue().forEach(user -> members.add(String.valueOf(user.id())));
      array.add(Json.createObjectBuilder().add("resource", room.getKey()).add("members", members));
    }
    return array;
  }

  private JsonArrayBuilder errors() {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (RecentErrors.Entry entry : logs.recent().entries()) {
      array.add(
          Json.createObjectBuilder()
              .add("time", entry.time().toString())
              .add("level", entry.level())
              .add("logger", entry.logger())
              .add("message", entry.message()));
    }
    return array;
  }
}
