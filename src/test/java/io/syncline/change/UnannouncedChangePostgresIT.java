package io.syncline.change;

import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Rest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.change.log.VersionCounter;
import io.syncline.testing.Frames;
import io.syncline.testing.Postgres;
import io.syncline.testing.PostgresServer;
import io.syncline.testing.Rest;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The change sequencer's safety net, on a real PostgreSQL: a change that reaches the log without
 * this node hearing of it (another writer's commit whose announcement was lost) still reaches the
 * subscribers, after the announced change before it, once the sequencer's poll finds the log's head
 * past what it delivered.
 */
@ExtendWith(PostgresServer.class)
class UnannouncedChangePostgresIT {

  @Test
  void aChangeCommittedBehindTheServersBackIsDelivered() throws Exception {
    String entity = "Quiet" + UUID.randomUUID().toString().substring(0, 8);
    try (WsClient client =
        WsClient.connect(
            PostgresServer.server().ws(WsClient.withToken("/api/ws", TestTokens.TESTER)))) {
      client.expect("connection:established");
      client.send(Frames.subscribe("entity:" + entity));
      client.expect("subscribed");

      Rest rest = new Rest(PostgresServer.server()::http);
      long announced =
          body(rest.post("/api/entities/" + entity, object("id", "r0").toString()), 201)
              .getJsonNumber("version")
              .longValue();
      assertEquals(announced, client.expect("entity:created").getJsonNumber("version").longValue());

      long version =
          appendBehindTheServersBack(entity, "r1", object("id", "r1", "title", "quiet").toString());

      JsonObject created = client.expect("entity:created");
      assertEquals(announced + 1, version, "nothing else was written meanwhile");
      assertEquals(version, created.getJsonNumber("version").longValue());
      assertEquals("r1", created.getJsonObject("payload").getString("id"));
      assertEquals("quiet", created.getJsonObject("payload").getString("title"));
    }
  }

  /** Appends a change to the log as the server does (the counter row locked by writing it). */
  private static long appendBehindTheServersBack(String entity, String id, String json)
      throws Exception {
    Postgres database = PostgresServer.database();
    try (Connection connection =
        DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
      connection.setAutoCommit(false);
      long version;
      try (PreparedStatement next =
              connection.prepareStatement(
                  "UPDATE SYNC_COUNTER SET COUNTER_VALUE = COUNTER_VALUE + 1 WHERE ID = "
                      + VersionCounter.ID
                      + " RETURNING COUNTER_VALUE");
          ResultSet row = next.executeQuery()) {
        assertTrue(row.next(), "the counter row, written by the server's first change");
        version = row.getLong(1);
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO SYNC_CHANGE (CHANGE_VERSION, ENTITY_TYPE, ENTITY_ID, ACTION, DATA_JSON,"
                  + " ACTOR, CHANGED_AT, FIELDS_JSON) VALUES (?, ?, ?, 'create', ?, 'elsewhere',"
                  + " ?, '[]')")) {
        insert.setLong(1, version);
        insert.setString(2, entity);
        insert.setString(3, id);
        insert.setString(4, json);
        insert.setLong(5, System.currentTimeMillis());
        insert.executeUpdate();
      }
      connection.commit();
      return version;
    }
  }
}
