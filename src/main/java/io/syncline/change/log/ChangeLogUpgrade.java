package io.syncline.change.log;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings a change log made by an older version up to date as the application starts: tables are
 * only created when missing, so a column added since must be added here ({@code FIELDS_JSON}, the
 * fields each change wrote; {@code REMOVED_JSON}, the record a delete removed). A database without
 * the table yet is left to the persistence unit, which creates it whole. Nodes starting together
 * may both add a column: the statement is a no-op for the second. It runs once, at start: a
 * database unreachable then is upgraded at the next start.
 */
@ApplicationScoped
public class ChangeLogUpgrade {

  private static final Logger LOG = Logger.getLogger(ChangeLogUpgrade.class.getName());

  /** What the upgrade runs, also for an administrator to run by hand: the columns added since. */
  public static final List<String> COLUMNS = List.of("FIELDS_JSON", "REMOVED_JSON");

  static String addColumn(String column) {
    return "ALTER TABLE SYNC_CHANGE ADD COLUMN IF NOT EXISTS " + column + " TEXT";
  }

  @Resource(lookup = "java:app/jdbc/syncline")
  private DataSource dataSource;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    try (Connection connection = dataSource.getConnection()) {
      List<String> added = upgrade(connection);
      if (!added.isEmpty()) {
        LOG.info("Added to the change log (SYNC_CHANGE) the columns " + added);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.SEVERE,
          "Could not bring the change log up to date; writes will fail until this is run: "
              + COLUMNS.stream().map(ChangeLogUpgrade::addColumn).toList(),
          e);
    }
  }

  /**
   * Adds what an older change log lacks, on a connection outside any transaction.
   *
   * @return the columns added (none for a current log, or a database without it)
   */
  static List<String> upgrade(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String schema = connection.getSchema();
    if (!exists(meta, schema, "SYNC_CHANGE", null)) {
      return List.of();
    }
    List<String> added = new ArrayList<>();
    for (String column : COLUMNS) {
      if (!exists(meta, schema, "SYNC_CHANGE", column)) {
        try (Statement alter = connection.createStatement()) {
          alter.executeUpdate(addColumn(column));
        }
        added.add(column);
      }
    }
    if (!added.isEmpty() && !connection.getAutoCommit()) {
      connection.commit();
    }
    return added;
  }

  /**
   * Whether the table (and column, unless null) exists in the connection's schema, named as the
   * database keeps unquoted names: upper case (H2) or lower case (PostgreSQL).
   */
  private static boolean exists(DatabaseMetaData meta, String schema, String table, String column)
      throws SQLException {
    for (boolean lower : new boolean[] {false, true}) {
      String tableName = lower ? table.toLowerCase(Locale.ROOT) : table;
      try (ResultSet found =
          column == null
              ? meta.getTables(null, schema, tableName, null)
              : meta.getColumns(
                  null, schema, tableName, lower ? column.toLowerCase(Locale.ROOT) : column)) {
        if (found.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
