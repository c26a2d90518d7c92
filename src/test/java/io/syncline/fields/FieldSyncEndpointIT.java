package io.syncline.fields;

import static io.syncline.testing.Frames.array;
import static io.syncline.testing.Frames.field;
import static io.syncline.testing.Frames.flat;
import static io.syncline.testing.Frames.frame;
import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/field-sync/ws}, seed 002's field-sync socket: each reply is, byte for byte, what seed
 * 002's {@code #[serde(tag = "type", rename_all = "snake_case")]} enum writes for it (fields in
 * declaration order, {@code None} as {@code null}), followed only by the envelope fields
 * PROTOCOL.md adds to every frame.
 */
@ExtendWith(SuiteServer.class)
class FieldSyncEndpointIT {

  /** What may follow the seed's fields: the channel, version and the frame's own timestamp. */
  private static final Pattern ENVELOPE_TAIL =
      Pattern.compile(
          "(,\"channel\":\"[^\"]+\")?(,\"version\":\\d+)?,\"timestamp\":\"[0-9T:.Z-]+\"}");

  private static WsClient legacy() {
    WsClient client =
        WsClient.connect(
            SuiteServer.ws(WsClient.withToken("/api/field-sync/ws", TestTokens.TESTER)));
    assertEquals("connection:established", type(client.nextText()));
    return client;
  }

  private static String type(String text) {
    return Json.createReader(new StringReader(text)).readObject().getString("type");
  }

  /** The frame is the seed's serialization (without its closing brace) and the envelope tail. */
  private static void assertSeedShape(String seed, String frame) {
    String open = seed.substring(0, seed.length() - 1);
    assertTrue(frame.startsWith(open), () -> "expected\n  " + seed + "\ngot\n  " + frame);
    assertTrue(
        ENVELOPE_TAIL.matcher(frame.substring(open.length())).matches(),
        () -> "unexpected fields after the seed's: " + frame.substring(open.length()));
  }

  private static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  @Test
  void fieldRepliesAreSeed002sShapesByteForByte() {
    String entity = "notes_" + UUID.randomUUID().toString().substring(0, 8);
    long base = (System.currentTimeMillis() / 1000) * 1000 - 5_000; // whole seconds: "…:05Z"
    long older = base - 1_230;
    try (WsClient client = legacy();
        WsClient watcher = legacy()) {
      watcher.send(flat("subscribe_fields", null, object("entities", array(entity))));
      assertEquals("subscribed", type(watcher.nextText()));

      client.send(
          flat(
              "push_fields",
              null,
              object(
                  "entity",
                  entity,
                  "entity_id",
                  "n1",
                  "fields",
                  array(
                      field("title", "Hello", "set", iso(base)),
                      field("body", "x", "set", base)))));
      String ack = client.nextText();
      assertSeedShape(
          frame(
              "field_push_ack", "entity", entity, "entity_id", "n1", "applied", 2, "conflicts", 0),
          ack);
      long version = Json.createReader(new StringReader(ack)).readObject().getInt("version");
      for (String field : new String[] {"title", "body"}) {
        String value = field.equals("title") ? "Hello" : "x";
        assertSeedShape(
            frame(
                "field_change",
                "change",
                object(
                    "entity",
                    entity,
                    "entity_id",
                    "n1",
                    "field",
                    field,
                    "value",
                    value,
                    "action",
                    "set",
                    "version",
                    version,
                    "timestamp",
                    iso(base),
                    "actor",
                    "tester")),
            watcher.nextText());
      }

      client.send(
          flat(
              "push_fields",
              null,
              object(
                  "entity",
                  entity,
                  "entity_id",
                  "n1",
                  "fields",
                  array(
                      field("title", "Stale", "set", older),
                      field("body", null, "unset", older)))));
      assertSeedShape(
          frame(
              "field_conflict",
              "entity",
              entity,
              "entity_id",
              "n1",
              "field",
              "title",
              "server_value",
              "Hello",
              "server_timestamp",
              iso(base),
              "client_value",
              "Stale",
              "client_timestamp",
              iso(older)),
          client.nextText());
      assertSeedShape(
          frame(
              "field_conflict",
              "entity",
              entity,
              "entity_id",
              "n1",
              "field",
              "body",
              "server_value",
              "x",
              "server_timestamp",
              iso(base),
              "client_value",
              null,
              "client_timestamp",
              iso(older)),
          client.nextText());
      assertSeedShape(
          frame(
              "field_push_ack", "entity", entity, "entity_id", "n1", "applied", 0, "conflicts", 2),
          client.nextText());
    }
  }

  @Test
  void validationRepliesAreSeed002sShapesByteForByte() {
    try (WsClient client = legacy()) {
      client.send(
          flat(
              "validate_field",
              "v1",
              object("form", "contact", "field", "email", "value", "not-an-email")));
      assertSeedShape(
          flat(
              "validation_result",
              "v1",
              object(
                  "form",
                  "contact",
                  "field",
                  "email",
                  "valid",
                  false,
                  "error",
                  "must be a well-formed email address",
                  "metadata",
                  object("required", true, "notBlank", true, "format", "email"))),
          client.nextText());
      client.send(
          flat("validate_field", "v2", object("form", "contact", "field", "name", "value", "Ada")));
      assertSeedShape(
          flat(
              "validation_result",
              "v2",
              object(
                  "form",
                  "contact",
                  "field",
                  "name",
                  "valid",
                  true,
                  "error",
                  null,
                  "metadata",
                  object("required", true, "notBlank", true, "maxLength", 100))),
          client.nextText());
      client.send(
          flat(
              "validate_form",
              "v3",
              object(
                  "form",
                  "contact",
                  "fields",
                  array(
                      object("field", "name", "value", "Ada"),
                      object("field", "email", "value", "ada@example.com"),
                      object("field", "message", "value", "too short")))));
      assertSeedShape(
          flat(
              "form_validation_result",
              "v3",
              object(
                  "form",
                  "contact",
                  "valid",
                  false,
                  "errors",
                  array(object("field", "message", "error", "size must be between 10 and 2000")))),
          client.nextText());
      client.send(flat("ping", null, object()));
      assertSeedShape(frame("pong"), client.nextText());
    }
  }

  @Test
  void otherMessagesAreRefusedWithTheRequestIdAndNothingIsDone() {
    String id = UUID.randomUUID().toString();
    try (WsClient client = legacy()) {
      for (String refused :
          new String[] {
            flat(
                "push",
                "p",
                object("entity", "users", "entity_id", id, "action", "create", "data", object())),
            flat("sync", "s", object("entity", "users", "since", 0)),
            flat("subscribe", "u", object("entities", array("users"))),
            flat("broadcast", "b", object("channel", "component:1", "event", "e"))
          }) {
        client.send(refused);
        JsonObject error = Json.createReader(new StringReader(client.nextText())).readObject();
        assertEquals("error", error.getString("type"));
        assertEquals("unknown_type", error.getString("code"));
        assertEquals(
            Json.createReader(new StringReader(refused)).readObject().getString("request_id"),
            error.getString("request_id"));
        assertTrue(error.containsKey("message"), error::toString);
      }
    }
    assertEquals(404, Rest.h2().get("/api/entities/users/" + id).statusCode());
  }
}
