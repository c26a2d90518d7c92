package io.syncline.change.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import jakarta.json.JsonValue;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change log after a transaction ends: its rows, and the feed's counter row, which is written
 * once before the commit. A change appended after that (an entity listener run by the persistence
 * provider's flush at commit) still counts, so the next transaction's versions follow without a gap
 * or a repeat; a rolled-back transaction leaves neither.
 */
class ChangeLogCommitTest {

  private Connection connection;
  private final List<Change> committed = new ArrayList<>();
  private Transaction tx;
  private ChangeLog log;

  @BeforeEach
  void database() throws Exception {
    connection =
        DriverManager.getConnection(
            "jdbc:h2:mem:counter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE SYNC_COUNTER (ID INT PRIMARY KEY, COUNTER_VALUE BIGINT,"
              + " PRUNED_THROUGH BIGINT)");
      statement.execute("INSERT INTO SYNC_COUNTER VALUES (" + VersionCounter.ID + ", 0, 0)");
      statement.execute(
          "CREATE TABLE SYNC_CHANGE (CHANGE_VERSION BIGINT PRIMARY KEY, ENTITY_TYPE VARCHAR,"
              + " ENTITY_ID VARCHAR, ACTION VARCHAR, DATA_JSON VARCHAR, ACTOR VARCHAR,"
              + " CHANGED_AT BIGINT, FIELDS_JSON VARCHAR, REMOVED_JSON VARCHAR)");
    }
    connection.setAutoCommit(false);
    log = new ChangeLog();
    set("dataSource", dataSource());
    set("transactions", registry());
    set(
        "sequencer",
        new CommittedChanges() {
          @Override
          public void ensureStarted() {}

          @Override
          public void committed(List<Change> changes) {
            committed.addAll(changes);
          }
        });
  }

  @Test
  void versionsGoOnFromTheLastChangeOfTheTransactionBefore() throws SQLException {
    begin();
    assertEquals(1, append("a"));
    assertEquals(2, append("b"));
    assertEquals(3, append("c"));
    commit(() -> {});
    assertEquals(3, counter());

    begin();
    assertEquals(4, append("d"));
    commit(() -> {});
    assertEquals(4, counter());
    assertEquals(List.of(1L, 2L, 3L, 4L), committed.stream().map(Change::version).toList());
    assertEquals(List.of("a", "b", "c", "d"), rows());
  }

  @Test
  void aChangeAppendedWhileTheTransactionCompletesIsCounted() throws SQLException {
    begin();
    assertEquals(1, append("a"));
    commit(() -> assertEquals(2, append("flushed at commit")));
    assertEquals(2, counter());

    begin();
    assertEquals(3, append("b"));
    commit(() -> {});
    assertEquals(List.of(1L, 2L, 3L), committed.stream().map(Change::version).toList());
    assertEquals(List.of("a", "flushed at commit", "b"), rows());
  }

  @Test
  void aRolledBackTransactionLeavesNoRowAndUsesUpNoVersion() throws SQLException {
    begin();
    append("gone");
    connection.rollback();
    tx.synchronizations.forEach(s -> s.afterCompletion(Status.STATUS_ROLLEDBACK));

    begin();
    assertEquals(1, append("kept"));
    commit(() -> {});
    assertEquals(List.of("kept"), rows());
  }

  private long append(String id) {
    return log.append("Note", id, ChangeAction.CREATE, JsonValue.EMPTY_JSON_OBJECT, null, "me")
        .version();
  }

  private void begin() {
    tx = new Transaction();
  }

  /**
   * Completes the transaction as a transaction manager does: the synchronizations' {@code
   * beforeCompletion} (then {@code lateWork}, as a later synchronization's flush), the commit,
   * their {@code afterCompletion}.
   */
  private void commit(Runnable lateWork) throws SQLException {
    tx.synchronizations.forEach(Synchronization::beforeCompletion);
    lateWork.run();
    connection.commit();
    tx.status = Status.STATUS_COMMITTED;
    tx.synchronizations.forEach(s -> s.afterCompletion(Status.STATUS_COMMITTED));
  }

  /** The ids of the changes in the table, by version. */
  private List<String> rows() throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT ENTITY_ID FROM SYNC_CHANGE ORDER BY CHANGE_VERSION")) {
      while (row.next()) {
        ids.add(row.getString(1));
      }
    }
    return ids;
  }

  private long counter() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNTER_VALUE FROM SYNC_COUNTER")) {
      row.next();
      return row.getLong(1);
    }
  }

  /** One transaction: its status, resources and synchronizations. */
  private static final class Transaction {
    int status = Status.STATUS_ACTIVE;
    final Map<Object, Object> resources = new HashMap<>();
    final List<Synchronization> synchronizations = new ArrayList<>();
  }

  /** The registry of the current transaction ({@link #tx}), as far as the log uses it. */
  private TransactionSynchronizationRegistry registry() {
    return new TransactionSynchronizationRegistry() {
      @Override
      public Object getTransactionKey() {
        return tx;
      }

      @Override
      public void putResource(Object key, Object value) {
        tx.resources.put(key, value);
      }

      @Override
      public Object getResource(Object key) {
        return tx.resources.get(key);
      }

      @Override
      public void registerInterposedSynchronization(Synchronization sync) {
        tx.synchronizations.add(sync);
      }

      @Override
      public int getTransactionStatus() {
        return tx.status;
      }

      @Override
      public void setRollbackOnly() {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean getRollbackOnly() {
        return false;
      }
    };
  }

  /** The test's one connection, which the log may close after each transaction without effect. */
  private DataSource dataSource() {
    Connection shared =
        (Connection)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) ->
                    method.getName().equals("close") ? null : method.invoke(connection, args));
    return (DataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                return shared;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private void set(String field, Object value) throws ReflectiveOperationException {
    Field f = ChangeLog.class.getDeclaredField(field);
    f.setAccessible(true);
    f.set(log, value);
  }
}
