package io.syncline.longpoll;

import io.syncline.config.SynclineConfig;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.ProtocolException;
import io.syncline.websocket.ConnectionHandler;
import io.syncline.websocket.HandshakeConfigurator;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * {@code /api/lp}: the long-poll transport, for clients whose network refuses WebSockets. A session
 * is a socket connection carried over HTTP: {@code POST /api/lp/connect} opens it (token and origin
 * checked as the socket's handshake checks them) and answers its first frames, {@code POST
 * /api/lp/{session}/frames} hands client frames to the socket's own handling one by one, in order,
 * and {@code GET /api/lp/{session}/poll?ack=N} answers the server frames after number N, at once or
 * at the next frame, else empty after the wait. {@code DELETE /api/lp/{session}} closes it.
 */
@Path("lp")
public class LongPollResource {

  /** Most frames in one {@code POST …/frames}. */
  static final int MAX_FRAMES_PER_POST = 64;

  @Inject private LongPollSessions sessions;
  @Inject private ConnectionHandler handler;
  @Inject private SynclineConfig config;
  @Context private HttpHeaders headers;

  @POST
  @Path("connect")
  @Produces(MediaType.APPLICATION_JSON)
  public Response connect(
      @QueryParam("access_token") String accessToken, @QueryParam("dialect") String dialect) {
    checkOrigin();
    String token = accessToken;
    String authorization = headers.getHeaderString("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = authorization.substring(7).trim();
    }
    LongPollSession session =
        sessions.open(
            token,
            dialect,
            HandshakeConfigurator.locale(headers.getHeaderString("Accept-Language")));
    String body = session.answer(0);
    session.active(); // the idle time counts from the answer, not from the token's check
    String connectionId = session.connection().subscriber().id();
    String withSession =
        "{\"session\":\""
            + session.key()
            + "\",\"connectionId\":\""
            + connectionId
            + "\","
            + body.substring(1);
    return Response.ok(withSession, MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Path("{session}/frames")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response frames(@PathParam("session") String key, String body) {
    checkOrigin();
    LongPollSession session = sessions.get(key);
    if (session.isClosed()) {
      throw new ProtocolException(ErrorCode.NOT_FOUND, "the long-poll session has closed");
    }
    // the frames at their limit, and the array's brackets and commas around them
    long maxBytes = (long) (config.maxFrameBytes() + 1) * MAX_FRAMES_PER_POST + 1;
    if (body == null || body.isBlank()) {
      throw new ProtocolException(ErrorCode.BAD_MESSAGE, "the body is a JSON array of frames");
    }
    if (body.length() > maxBytes || body.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw new ProtocolException(
          ErrorCode.TOO_LARGE, "a post of frames is at most " + maxBytes + " bytes");
    }
    JsonArray frames;
    try (JsonReader reader = JsonFactory.JSON.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.ARRAY) {
        throw new ProtocolException(ErrorCode.BAD_MESSAGE, "the body is a JSON array of frames");
      }
      frames = value.asJsonArray();
    } catch (JsonException e) {
      throw new ProtocolException(ErrorCode.BAD_JSON, "the body is not JSON: " + e.getMessage());
    }
    if (frames.size() > MAX_FRAMES_PER_POST) {
      throw new ProtocolException(
          ErrorCode.TOO_LARGE, "at most " + MAX_FRAMES_PER_POST + " frames in one post");
    }
    session.active();
    synchronized (session.receiving()) {
      for (JsonValue frame : frames) {
        if (session.isClosed()) {
          break;
        }
        handler.receive(session.connection(), frame.toString());
      }
    }
    session.active();
    return Response.ok("{\"accepted\":" + frames.size() + "}", MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  @GET
  @Path("{session}/poll")
  @Produces(MediaType.APPLICATION_JSON)
  public void poll(
      @PathParam("session") String key,
      @QueryParam("ack") @DefaultValue("0") long ack,
      @QueryParam("timeout") Long timeoutMs,
      @Suspended AsyncResponse response) {
    checkOrigin();
    LongPollSession session = sessions.get(key);
    session.connection().subscriber().touch();
    // a waiting poll is a live client; it is answered at least once a heartbeat interval
    long longest = Math.min(config.pollTimeoutMs(), config.heartbeatIntervalMs());
    long timeout = timeoutMs == null ? longest : Math.max(0, Math.min(timeoutMs, longest));
    if (!session.poll(ack, timeout, response)) {
      throw new ProtocolException(
          ErrorCode.BAD_MESSAGE, "ack " + ack + " is past the last frame sent on this session");
    }
  }

  @DELETE
  @Path("{session}")
  public Response close(@PathParam("session") String key) {
    checkOrigin();
    sessions.get(key).close(1000, "closed by the client");
    return Response.noContent().build();
  }

  /** The socket's origin check: a browser's {@code Origin} must be allowed here. */
  private void checkOrigin() {
    String origin = headers.getHeaderString("Origin");
    if (origin != null
        && !HandshakeConfigurator.originAllowed(origin, headers.getHeaderString("Host"))) {
      throw new ProtocolException(ErrorCode.FORBIDDEN, "origin " + origin + " is not allowed");
    }
  }
}
