package io.syncline.websocket;

import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ChangeFrame;
import io.syncline.protocol.ConnectionEstablished;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ErrorMessage;
import io.syncline.protocol.FrameEncoder;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.Pong;
import io.syncline.protocol.PresenceJoined;
import io.syncline.protocol.PresenceLeft;
import io.syncline.protocol.PresenceSync;
import io.syncline.protocol.PresenceUser;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.PushAck;
import io.syncline.protocol.ServerMessage;
import io.syncline.protocol.Subscribed;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.Decoder;
import java.time.Instant;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Encodes and decodes the frames of a connection's first seconds once as the application starts.
 * Otherwise the first clients to connect build JSON-B's bindings and load those classes, and after
 * a restart, when every client reconnects at once, they all queued behind one another for the class
 * loader's lock.
 */
@WebListener
public class CodecWarmUp implements ServletContextListener {

  private static final Logger LOG = Logger.getLogger(CodecWarmUp.class.getName());

  static final List<String> ENVELOPE_REQUESTS =
      List.of(
          "{\"type\":\"subscribe\",\"requestId\":\"w\",\"payload\":{\"channels\":[\"entity:W\"]}}",
          "{\"type\":\"ping\",\"payload\":{\"sequenceNumber\":1}}",
          "{\"type\":\"presence:join\",\"payload\":{\"resource\":\"w\",\"metadata\":{}}}",
          "{\"type\":\"push\",\"payload\":{\"entity\":\"W\",\"entityId\":\"w\","
              + "\"action\":\"create\",\"data\":{},\"mutationId\":\"m\"}}");

  static final List<String> FLAT_REQUESTS =
      List.of(
          "{\"type\":\"subscribe\",\"entities\":[\"W\"]}",
          "{\"type\":\"ping\"}",
          "{\"type\":\"push\",\"entity\":\"W\",\"entity_id\":\"w\",\"action\":\"create\","
              + "\"data\":{}}");

  @Override
  public void contextInitialized(ServletContextEvent event) {
    try {
      warmUp();
    } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
      // never fails the deployment: the first connections would meet the same error, and say so
      LOG.log(Level.WARNING, "codec warm-up failed; the first connections will do it", e);
    }
  }

  static void warmUp() {
    PresenceUser user =
        new PresenceUser("w", "w", null, Instant.now(), JsonValue.EMPTY_JSON_OBJECT);
    List<ServerMessage> messages =
        List.of(
            new ConnectionEstablished("w", "w", 1, 2, "1"),
            new Subscribed("entity:W", 0L),
            new PresenceSync("w", List.of(user), 1),
            new PresenceJoined("w", user),
            new PresenceLeft("w", user),
            new Pong(1L, 0L),
            new PushAck("W", "w", 1, "m"),
            new ChangeFrame(new Change("W", "w", ChangeAction.CREATE, null, 1, Instant.now(), "w")),
            ErrorMessage.of(new ProtocolException(ErrorCode.BAD_MESSAGE, "w")));
    for (FrameEncoder encoder : List.of(EnvelopeEncoder.INSTANCE, FlatEncoder.INSTANCE)) {
      for (ServerMessage message : messages) {
        encoder.encode(Outbound.of(message));
      }
    }
    decodeAll(EnvelopeDecoder.INSTANCE, ENVELOPE_REQUESTS);
    decodeAll(FlatDecoder.INSTANCE, FLAT_REQUESTS);
    JsonFactory.jsonb();
  }

  private static void decodeAll(Decoder.Text<?> decoder, List<String> frames) {
    for (String frame : frames) {
      try {
        decoder.decode(frame);
      } catch (Exception refused) {
        LOG.log(Level.FINE, "warm-up frame refused: " + frame, refused);
      }
    }
  }
}
