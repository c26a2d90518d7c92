package io.syncline.change.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A change log made before changes stored their fields takes the new columns, on both databases.
 */
class ChangeLogUpgradeTest {

  /** SYNC_CHANGE as the versions before FIELDS_JSON created it. */
  private static final String OLD_TABLE =
      "CREATE TABLE SYNC_CHANGE (CHANGE_VERSION BIGINT NOT NULL PRIMARY KEY,"
          + " ENTITY_TYPE VARCHAR(100) NOT NULL, ENTITY_ID VARCHAR(200) NOT NULL,"
          + " ACTION VARCHAR(10) NOT NULL, DATA_JSON TEXT, ACTOR VARCHAR(200),"
          + " CHANGED_AT BIGINT NOT NULL)";

  @Test
  void anOldChangeLogOnH2GainsTheFieldsColumnOnceAndKeepsItsRows() throws SQLException {
    try (Connection connection =
        DriverManager.getConnection(
            "jdbc:h2:mem:upgrade-" + java.util.UUID.randomUUID(), "sa", "")) {
      upgradesOnce(connection);
    }
  }

  @Test
  void anOldChangeLogOnPostgresGainsTheFieldsColumnOnceAndKeepsItsRows() throws SQLException {
    try (Postgres postgres = Postgres.start();
        Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
      upgradesOnce(connection);
    }
  }

  @Test
  void aDatabaseWithoutTheChangeLogIsLeftToThePersistenceUnit() throws SQLException {
    try (Connection connection =
        DriverManager.getConnection("jdbc:h2:mem:empty-" + java.util.UUID.randomUUID(), "sa", "")) {
      assertEquals(List.of(), ChangeLogUpgrade.upgrade(connection));
      try (ResultSet tables = connection.getMetaData().getTables(null, null, "SYNC_CHANGE", null)) {
        assertFalse(tables.next(), "no table made");
      }
    }
  }

  private static void upgradesOnce(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(OLD_TABLE);
      statement.execute(
          "INSERT INTO SYNC_CHANGE (CHANGE_VERSION, ENTITY_TYPE, ENTITY_ID, ACTION, DATA_JSON,"
              + " ACTOR, CHANGED_AT) VALUES (1, 'Note', 'n1', 'create', '{\"a\":1}', 'ann', 5)");
    }
    assertEquals(
        List.of("FIELDS_JSON", "REMOVED_JSON"),
        ChangeLogUpgrade.upgrade(connection),
        "the columns are added");
    assertEquals(List.of(), ChangeLogUpgrade.upgrade(connection), "and only once");
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO SYNC_CHANGE (CHANGE_VERSION, ENTITY_TYPE, ENTITY_ID, ACTION, DATA_JSON,"
              + " ACTOR, CHANGED_AT, FIELDS_JSON, REMOVED_JSON) VALUES (2, 'Note', 'n1', 'delete',"
              + " NULL, 'ann', 6, '[{\"f\":\"a\",\"t\":6}]', '{\"a\":1}')");
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT CHANGE_VERSION, DATA_JSON, FIELDS_JSON, REMOVED_JSON FROM SYNC_CHANGE"
                  + " ORDER BY CHANGE_VERSION")) {
        assertTrue(rows.next());
        assertEquals("{\"a\":1}", rows.getString(2), "the old row is kept");
        assertEquals(null, rows.getString(3), "with no fields");
        assertEquals(null, rows.getString(4), "and no removed record");
        assertTrue(rows.next());
        assertEquals("[{\"f\":\"a\",\"t\":6}]", rows.getString(3));
        assertEquals("{\"a\":1}", rows.getString(4));
        assertFalse(rows.next());
      }
    }
  }
}
