package io.syncline.change.log;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The version counter row: created the first time it is needed, in a transaction of its own (the
 * tables only exist once the persistence unit has been deployed, after the application starts), and
 * read without one.
 */
@ApplicationScoped
public class CounterRow {

  private static final Logger LOG = Logger.getLogger(CounterRow.class.getName());
  private static final String INSERT =
      "INSERT INTO SYNC_COUNTER (ID, COUNTER_VALUE, PRUNED_THROUGH) VALUES ("
          + VersionCounter.ID
          + ", 0, 0)";

  /** The counter's value. */
  static final String READ =
      "SELECT COUNTER_VALUE FROM SYNC_COUNTER WHERE ID = " + VersionCounter.ID;

  @Resource(lookup = "java:app/jdbc/syncline")
  private DataSource dataSource;

  /** Inserts the row; if another writer got there first, there is nothing to do. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void create() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.executeUpdate();
    } catch (SQLException e) {
      LOG.log(Level.FINE, "The counter row exists already", e);
    }
  }

  /**
   * The newest committed version (0 before the first change), in one statement, in the caller's
   * transaction if it has one (the change sequencer's poller has none). That poll asks ten times a
   * second on every node.
   *
   * @throws IllegalStateException if the database cannot be read
   */
  public long committedVersion() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement read = connection.prepareStatement(READ);
        ResultSet row = read.executeQuery()) {
      return row.next() ? row.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException("reading the version counter failed", e);
    }
  }
}
