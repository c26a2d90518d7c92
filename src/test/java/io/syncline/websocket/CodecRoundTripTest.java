package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.syncline.protocol.Auth;
import io.syncline.protocol.AuthOk;
import io.syncline.protocol.AuthzCheck;
import io.syncline.protocol.AuthzResult;
import io.syncline.protocol.BatchUpdate;
import io.syncline.protocol.Broadcast;
import io.syncline.protocol.BroadcastRelay;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.ChangeFrame;
import io.syncline.protocol.ClientMessage;
import io.syncline.protocol.ComponentCursor;
import io.syncline.protocol.ComponentCursorMoved;
import io.syncline.protocol.ComponentNestedCreate;
import io.syncline.protocol.ComponentNestedCreated;
import io.syncline.protocol.ComponentNestedDelete;
import io.syncline.protocol.ComponentNestedDeleted;
import io.syncline.protocol.ComponentNestedUpdate;
import io.syncline.protocol.ComponentNestedUpdated;
import io.syncline.protocol.ComponentState;
import io.syncline.protocol.ComponentTyped;
import io.syncline.protocol.ComponentTyping;
import io.syncline.protocol.ComponentUpdate;
import io.syncline.protocol.ComponentUpdated;
import io.syncline.protocol.ConflictAutoMerge;
import io.syncline.protocol.ConflictDetect;
import io.syncline.protocol.ConflictManualResolution;
import io.syncline.protocol.ConflictResolve;
import io.syncline.protocol.ConnectionEstablished;
import io.syncline.protocol.EntityChangeFrame;
import io.syncline.protocol.ErrorMessage;
import io.syncline.protocol.FieldChange;
import io.syncline.protocol.FieldChangeFrame;
import io.syncline.protocol.FieldConflict;
import io.syncline.protocol.FieldError;
import io.syncline.protocol.FieldPushAck;
import io.syncline.protocol.FieldUpdate;
import io.syncline.protocol.FormValidationResult;
import io.syncline.protocol.Inbound;
import io.syncline.protocol.MessageTypes;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.Ping;
import io.syncline.protocol.Pong;
import io.syncline.protocol.PresenceDiff;
import io.syncline.protocol.PresenceHeartbeat;
import io.syncline.protocol.PresenceJoin;
import io.syncline.protocol.PresenceJoined;
import io.syncline.protocol.PresenceLeave;
import io.syncline.protocol.PresenceLeft;
import io.syncline.protocol.PresenceSync;
import io.syncline.protocol.PresenceUser;
import io.syncline.protocol.Published;
import io.syncline.protocol.Push;
import io.syncline.protocol.PushAck;
import io.syncline.protocol.PushFields;
import io.syncline.protocol.RateLimit;
import io.syncline.protocol.RecoveryRequest;
import io.syncline.protocol.RecoveryResponse;
import io.syncline.protocol.RequestIds;
import io.syncline.protocol.SchemaGet;
import io.syncline.protocol.SchemaUpdate;
import io.syncline.protocol.ServerMessage;
import io.syncline.protocol.Subscribe;
import io.syncline.protocol.SubscribeFields;
import io.syncline.protocol.Subscribed;
import io.syncline.protocol.Sync;
import io.syncline.protocol.SyncComplete;
import io.syncline.protocol.Unsubscribe;
import io.syncline.protocol.Unsubscribed;
import io.syncline.protocol.ValidateField;
import io.syncline.protocol.ValidateForm;
import io.syncline.protocol.ValidationResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every message type survives encoding and decoding in both dialects. */
class CodecRoundTripTest {

  private static final RequestIds IDS = new RequestIds("req-1", "corr-1");
  private static final JsonObject DATA =
      Json.createObjectBuilder().add("name", "Ada").add("age", 36).build();
  private static final PresenceUser USER =
      new PresenceUser(
          "ada", "Ada", "ada@example.test", Instant.parse("2024-01-15T10:30:00Z"), DATA);
  private static final Change CHANGE =
      new Change(
          "users",
          "7",
          ChangeAction.UPDATE,
          DATA,
          42,
          Instant.parse("2024-01-15T10:30:00Z"),
          "bob");

  static final List<ClientMessage> CLIENT_MESSAGES =
      List.of(
          new Subscribe(
              "entity:Task",
              List.of("component:1", "user:7"),
              List.of("users"),
              List.of("schema:crm"),
              null,
              null,
              null,
              null),
          new Subscribe(null, null, List.of("posts"), null, DATA, 250, null, null),
          new Subscribe("schema:crm", null, null, null, null, null, 3L, null),
          new Subscribe("presence:entity:Task:7", null, null, null, null, null, null, "count"),
          new Unsubscribe("entity:Task", null, null, null),
          new Ping(42L),
          new Broadcast(
              "component:1", "typing", Json.createObjectBuilder().add("field", "title").build()),
          new Sync("users", 42L),
          new Sync(null, 0L),
          new RecoveryRequest(12L, List.of(new RecoveryRequest.Range(3L, 5L))),
          new Push("users", "7", ChangeAction.UPDATE, DATA, 41L, "m-1"),
          new Push("users", "8", ChangeAction.DELETE, null, null, null),
          new ConflictResolve("c-1", "merged", DATA),
          new Auth("header.payload.signature"),
          new PresenceJoin("entity:Task:7", "Ada", DATA, null),
          new PresenceJoin("entity:Task:8", null, null, "diff"),
          new ComponentUpdate("c9", DATA),
          new ComponentNestedUpdate("c9", "r1", "n1", DATA),
          new ComponentNestedCreate("c9", "r1", DATA),
          new ComponentNestedDelete("c9", "r1", "n1"),
          new ComponentTyping("c9"),
          new AuthzCheck("entity:Report", "write", DATA),
          new ComponentCursor("c9", "Task", "7", DATA),
          new PresenceLeave("entity:Task:7"),
          new PresenceHeartbeat("entity:Task:7"),
          new SchemaGet("crm", 2L),
          new SchemaGet("crm", null),
          new SubscribeFields(List.of("notes", "users")),
          new PushFields(
              "notes",
              "n1",
              List.of(
                  new FieldUpdate("title", Json.createValue("x"), "set", Json.createValue(17L)),
                  new FieldUpdate(
                      "body", null, "unset", Json.createValue("2024-01-15T10:30:00.123Z")))),
          new ValidateField("contact", "email", Json.createValue("ada@example.test")),
          new ValidateForm(
              "contact",
              Json.createArrayBuilder()
                  .add(Json.createObjectBuilder().add("field", "name").add("value", "Ada"))
                  .build()));

  static final List<ServerMessage> SERVER_MESSAGES =
      List.of(
          new ConnectionEstablished("c-1", "alice", 25000, 65536, "1"),
          new Subscribed("entity:Task", 41L),
          new Unsubscribed("entity:Task"),
          new Pong(42L, 3L),
          new BroadcastRelay(
              "cursor", Json.createObjectBuilder().add("x", 10).build(), "bob", 1701234567890L),
          new ErrorMessage(
              "bad_channel",
              "no",
              Json.createObjectBuilder().add("channel", "?").build(),
              true,
              null),
          new Published("dashboard:update", Json.createObjectBuilder().add("value", 24).build()),
          new EntityChangeFrame(CHANGE),
          new ChangeFrame(CHANGE),
          new SyncComplete("users", 42, true),
          new RecoveryResponse(42, DATA, false),
          new PushAck("users", "7", 42, "m-1"),
          new ConflictDetect(
              "c-1",
              "users",
              "7",
              Json.createObjectBuilder().add("local", DATA).add("remote", DATA).build(),
              "version"),
          new ConflictAutoMerge(
              "c-2", "field-level", Json.createObjectBuilder().add("merged", DATA).build()),
          new ConflictManualResolution(
              "c-1",
              List.of(Json.createObjectBuilder().add("choice", "local").add("data", DATA).build()),
              new ConflictManualResolution.Ui("users 7 was changed meanwhile", "…", List.of("a"))),
          new AuthOk("ada", Set.of("user", "admin"), Instant.parse("2030-01-01T00:00:00Z")),
          new RateLimit(50, 0, Instant.parse("2030-01-01T00:00:01Z"), "1s"),
          new PresenceSync("entity:Task:7", List.of(USER), 1),
          new PresenceSync("component:9", null, 2000),
          new PresenceJoined("entity:Task:7", USER),
          new PresenceLeft("entity:Task:7", USER),
          new PresenceDiff("component:9", List.of(USER), List.of(), List.of(USER)),
          new BatchUpdate("b-1", List.of(DATA.toString())),
          new SchemaUpdate("crm", 2, "record", DATA),
          new ComponentUpdated("c9", DATA, "ada", Instant.parse("2024-01-15T10:30:00Z")),
          new ComponentNestedUpdated(
              "c9", "r1", "n1", DATA, "ada", Instant.parse("2024-01-15T10:30:00Z")),
          new ComponentNestedCreated("c9", "r1", DATA, "ada"),
          new ComponentNestedDeleted("c9", "r1", "n1", "ada"),
          new ComponentTyped("c9", "ada", "ada@example.test"),
          new AuthzResult("entity:Report", "write", false, "editor only"),
          new ComponentCursorMoved("c9", "ada", "ada@example.test", DATA),
          new ComponentState("c9", DATA, Json.createObjectBuilder().add("r1", DATA).build()),
          new FieldChangeFrame(
              new FieldChange(
                  "notes",
                  "n1",
                  "title",
                  Json.createValue("x"),
                  "set",
                  42,
                  Instant.parse("2024-01-15T10:30:00.123Z"),
                  "bob")),
          new FieldPushAck("notes", "n1", 2, 1),
          new FieldConflict(
              "notes",
              "n1",
              "title",
              Json.createValue("newer"),
              Instant.parse("2024-01-15T10:30:00.500Z"),
              Json.createValue("older"),
              Instant.parse("2024-01-15T10:30:00Z")),
          new ValidationResult("contact", "email", false, "must be a well-formed email", DATA),
          new FormValidationResult(
              "contact", false, List.of(new FieldError("email", "must be a well-formed email"))));

  @Test
  void everyMessageTypeHasASample() {
    assertEquals(
        Set.of(ClientMessage.class.getPermittedSubclasses()),
        CLIENT_MESSAGES.stream().map(Object::getClass).collect(Collectors.toSet()));
    assertEquals(
        Set.of(ServerMessage.class.getPermittedSubclasses()),
        SERVER_MESSAGES.stream().map(Object::getClass).collect(Collectors.toSet()));
  }

  @Test
  void clientMessagesRoundTripInTheEnvelopeDialect() {
    for (ClientMessage message : CLIENT_MESSAGES) {
      Inbound decoded =
          EnvelopeDecoder.INSTANCE.decode(EnvelopeEncoder.INSTANCE.encodeRequest(message, IDS));
      assertEquals(message, decoded.message());
      assertEquals(IDS, decoded.ids());
    }
  }

  @Test
  void clientMessagesRoundTripInTheFlatDialect() {
    for (ClientMessage message : CLIENT_MESSAGES) {
      String text = FlatEncoder.INSTANCE.encodeRequest(message, IDS);
      assertFalse(text.contains("\"payload\""), text);
      Inbound decoded = FlatDecoder.INSTANCE.decode(text);
      assertEquals(message, decoded.message());
      assertEquals(IDS, decoded.ids());
    }
  }

  @Test
  void serverMessagesRoundTripInTheEnvelopeDialect() {
    for (ServerMessage message : SERVER_MESSAGES) {
      JsonObject frame =
          parse(EnvelopeEncoder.INSTANCE.encode(new Outbound(message, "component:1", IDS, 9L)));
      assertEquals(message.type(), frame.getString("type"));
      assertEquals("component:1", frame.getString("channel"));
      assertEquals("req-1", frame.getString("requestId"));
      assertEquals("corr-1", frame.getString("correlationId"));
      assertEquals(9, frame.getInt("version"));
      assertEquals(message, read(message, frame.getJsonObject("payload"), Codecs.CAMEL));
    }
  }

  @Test
  void serverMessagesRoundTripInTheFlatDialect() {
    for (ServerMessage message : SERVER_MESSAGES) {
      JsonObject frame =
          parse(FlatEncoder.INSTANCE.encode(new Outbound(message, "component:1", IDS, 9L)));
      ServerMessage flat = message.inFlatDialect();
      assertEquals(flat.type(), frame.getString("type"));
      assertEquals("req-1", frame.getString("request_id"));
      assertEquals("corr-1", frame.getString("correlation_id"));
      if (!Codecs.snakeFields(flat.getClass()).contains("version")) {
        assertEquals(9, frame.getInt("version"));
      }
      assertFalse(frame.containsKey("payload"), frame::toString);
      JsonObjectBuilder fields = Json.createObjectBuilder(frame);
      Stream.of("type", "request_id", "correlation_id").forEach(fields::remove);
      if (!Codecs.snakeFields(flat.getClass()).contains("version")) {
        fields.remove("version");
      }
      if (!Codecs.snakeFields(flat.getClass()).contains("channel")) {
        fields.remove("channel");
      }
      if (!Codecs.snakeFields(flat.getClass()).contains("timestamp")) {
        fields.remove("timestamp");
      }
      assertEquals(flat, read(flat, fields.build(), Codecs.SNAKE));
    }
  }

  @Test
  void theContractsFieldsAreWrittenAsNullWhenUnknown() {
    assertEquals(
        "{\"type\":\"pong\",\"request_id\":\"req-1\",\"correlation_id\":\"corr-1\"",
        FlatEncoder.INSTANCE
            .encode(new Outbound(new Pong(null, null), null, IDS, null))
            .replaceAll(",\"timestamp\".*", ""),
        "seed 002's pong has no fields");
    Map<ServerMessage, List<String>> unknown =
        Map.of(
            new ConnectionEstablished("c-1", null, 25000, 65536, "1"), List.of("userId"),
            new RecoveryResponse(40, null, false), List.of("data"),
            new BroadcastRelay("typing", null, "ada", 1), List.of("data"),
            new Pong(null, null), List.of("sequenceNumber", "latency"),
            new PushAck("Task", "7", 3, null), List.of("mutationId"),
            new SyncComplete(null, 12, false), List.of("entity"));
    unknown.forEach(
        (message, fields) -> {
          JsonObject payload =
              parse(EnvelopeEncoder.INSTANCE.encode(new Outbound(message, null, IDS, null)))
                  .getJsonObject("payload");
          JsonObject flat =
              parse(FlatEncoder.INSTANCE.encode(new Outbound(message, null, IDS, null)));
          for (String field : fields) {
            assertEquals(JsonValue.NULL, payload.get(field), payload::toString);
            String snake = field.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
            if (message.flatOmitsWhenNull().contains(snake)) {
              assertFalse(flat.containsKey(snake), flat::toString); // seed 002 has no such field
            } else {
              assertEquals(JsonValue.NULL, flat.get(snake), flat::toString);
            }
          }
        });
  }

  @Test
  void theTypeOfEveryMessageComesFromItsAnnotation() {
    assertEquals("subscribe", MessageTypes.nameOf(Subscribe.class));
    assertEquals("connection:established", new ConnectionEstablished("c", "u", 1, 2, "1").type());
    assertEquals("dashboard:update", new Published("dashboard:update", null).type());
  }

  private static ServerMessage read(
      ServerMessage expected, JsonObject fields, jakarta.json.bind.Jsonb jsonb) {
    if (expected instanceof Published published) {
      return new Published(published.type(), fields);
    }
    if (expected instanceof BatchUpdate batch) {
      return new BatchUpdate(
          fields.getString(jsonb == Codecs.SNAKE ? "batch_id" : "batchId"),
          fields.getJsonArray("updates").stream().map(JsonValue::toString).toList());
    }
    if (expected instanceof EntityChangeFrame event) {
      assertEquals(event.payload(), fields);
      return event;
    }
    return FrameDecoding.bind(fields, expected.getClass(), jsonb);
  }

  private static JsonObject parse(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
