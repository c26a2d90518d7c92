package io.syncline.change.log;

import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeAction;
import io.syncline.protocol.WrittenFields;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Appends to the change log inside the caller's transaction and hands the changes to the {@link
 * CommittedChanges} (the change sequencer) once that transaction commits. Plain JDBC on the
 * application's data source, so it may be called from JPA lifecycle callbacks, where the
 * EntityManager may not be used.
 */
@ApplicationScoped
public class ChangeLog {

  private static final Logger LOG = Logger.getLogger(ChangeLog.class.getName());

  private static final String WRITE_VERSION =
      "UPDATE SYNC_COUNTER SET COUNTER_VALUE = ? WHERE ID = " + VersionCounter.ID;
  // The row is locked by writing it, not by SELECT … FOR UPDATE: H2 before 2.4.240 may answer a
  // prepared query again from its last result when no table it reads changed since, without
  // taking the lock (h2database issue 4208), and the pool now keeps prepared statements. After
  // this transaction's own write, the read below cannot be such a stale answer.
  private static final String LOCK =
      "UPDATE SYNC_COUNTER SET COUNTER_VALUE = COUNTER_VALUE WHERE ID = " + VersionCounter.ID;
  private static final String INSERT =
      "INSERT INTO SYNC_CHANGE (CHANGE_VERSION, ENTITY_TYPE, ENTITY_ID, ACTION, DATA_JSON, ACTOR,"
          + " CHANGED_AT, FIELDS_JSON, REMOVED_JSON) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private record RecordKey(String entity, String entityId) {}

  /** The fields a change writes, given the change's time (epoch ms). */
  @FunctionalInterface
  public interface FieldsAt {
    List<WrittenFields.Field> at(long changedAt);
  }

  @Resource(lookup = "java:app/jdbc/syncline")
  private DataSource dataSource;

  @Resource private TransactionSynchronizationRegistry transactions;
  @Inject private CommittedChanges sequencer;
  @Inject private CounterRow counterRow;

  /**
   * Records a change in the current transaction and returns it with its version. The counter row
   * stays locked until the transaction ends, so versions follow commit order without gaps.
   *
   * @param data the record after the change; null for a delete
   * @param removed for a delete, the record as it was (null if not known): the log keeps it (in
   *     REMOVED_JSON) so that the policy can tell who may see the delete, live and in catch-up
   * @throws IllegalStateException outside an active transaction
   */
  public Change append(
      String entity,
      String entityId,
      ChangeAction action,
      JsonValue data,
      JsonValue removed,
      String actor) {
    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
      throw new IllegalStateException("changes to synced data need an active transaction");
    }
    sequencer.ensureStarted();
    InTransaction tx = inTransaction();
    FieldsAt fields = tx.declared.remove(new RecordKey(entity, entityId));
    Change change;
    try {
      Connection connection = tx.connection(dataSource);
      long version = nextVersion(connection, tx);
      long now = System.currentTimeMillis();
      change =
          new Change(
              entity,
              entityId,
              action,
              data,
              version,
              Instant.ofEpochMilli(now),
              actor,
              fields == null ? WrittenFields.NONE : WrittenFields.of(fields.at(now)),
              action == ChangeAction.DELETE ? removed : null);
      insert(connection, change);
    } catch (SQLException e) {
      throw new IllegalStateException("could not append to the change log", e);
    }
    tx.changes.add(change);
    return change;
  }

  /**
   * Runs a write of a record whose change is to carry the fields it wrote, given as a function of
   * the change's time (epoch ms): the change this write logs for the record stores them with it.
   */
  public Change writingFields(
      String entity, String entityId, FieldsAt fields, Supplier<Change> write) {
    RecordKey key = new RecordKey(entity, entityId);
    Map<RecordKey, FieldsAt> declared = inTransaction().declared;
    declared.put(key, fields);
    try {
      return write.get();
    } finally {
      declared.remove(key);
    }
  }

  /**
   * Takes the feed's lock for the rest of the current transaction: no other synced write can commit
   * until it ends, so versions read after this stay current until then.
   */
  public void lockFeed() {
    sequencer.ensureStarted();
    InTransaction tx = inTransaction();
    if (tx.last != null) {
      return; // locked by an earlier write of this transaction
    }
    try {
      lockedFeed(tx.connection(dataSource), tx);
    } catch (SQLException e) {
      throw new IllegalStateException("could not lock the change feed", e);
    }
  }

  /**
   * The last version this transaction handed out: the counter row is locked at the transaction's
   * first use of the feed (written as it is, then read), after which each version is the last one
   * plus one; not locked and read again for every change.
   */
  private long lockedFeed(Connection connection, InTransaction tx) throws SQLException {
    if (tx.last != null) {
      return tx.last;
    }
    Long current = lock(connection);
    if (current == null) {
      counterRow.create();
      current = lock(connection);
      if (current == null) {
        throw new SQLException("the SYNC_COUNTER row is missing");
      }
    }
    tx.last = current;
    return current;
  }

  /** Locks the counter row and reads it; null if the row is missing. */
  static Long lock(Connection connection) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
      if (lock.executeUpdate() != 1) {
        return null;
      }
    }
    try (PreparedStatement read = connection.prepareStatement(CounterRow.READ);
        ResultSet row = read.executeQuery()) {
      return row.next() ? row.getLong(1) : null;
    }
  }

  /** The latest change this transaction made to the record, if it changed it. */
  public Optional<Change> changeInThisTransaction(String entity, String entityId) {
    Change latest = null;
    for (Change change : inTransaction().changes) {
      if (change.entity().equals(entity) && change.entityId().equals(entityId)) {
        latest = change;
      }
    }
    return Optional.ofNullable(latest);
  }

  /**
   * The next version. The counter row is written once, when the transaction is about to commit
   * ({@link InTransaction#beforeCompletion}), not once per change: a group commit appends hundreds
   * of changes, and on PostgreSQL each write of the row is a round trip. A change appended after
   * that (an entity listener run by the persistence provider's own flush at commit) writes it at
   * once.
   */
  private long nextVersion(Connection connection, InTransaction tx) throws SQLException {
    long next = lockedFeed(connection, tx) + 1;
    tx.last = next;
    if (tx.completing) {
      writeCounter(connection, next);
    } else {
      tx.counterBehind = true;
    }
    return next;
  }

  private static void writeCounter(Connection connection, long version) throws SQLException {
    try (PreparedStatement write = connection.prepareStatement(WRITE_VERSION)) {
      write.setLong(1, version);
      if (write.executeUpdate() != 1) {
        throw new SQLException("the SYNC_COUNTER row is missing");
      }
    }
  }

  private static void insert(Connection connection, Change change) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setLong(1, change.version());
      insert.setString(2, change.entity());
      insert.setString(3, change.entityId());
      insert.setString(4, change.action().wireName());
      insert.setString(5, json(change.data()));
      insert.setString(6, change.actor());
      insert.setLong(7, change.timestamp().toEpochMilli());
      insert.setString(8, change.fields().json());
      insert.setString(9, json(change.removed()));
      insert.executeUpdate();
    }
  }

  private static String json(JsonValue value) {
    return value == null || value == JsonValue.NULL ? null : value.toString();
  }

  /**
   * What the log keeps for the current transaction, made at its first use there: the connection it
   * writes through, the feed's last version once locked (and whether the counter row still has to
   * be written), the fields declared for the next change of a record, and the changes appended,
   * handed to the sequencer if the transaction commits.
   */
  private InTransaction inTransaction() {
    InTransaction tx = (InTransaction) transactions.getResource(InTransaction.class);
    if (tx == null) {
      tx = new InTransaction(sequencer);
      // registered first: a transaction that refuses it (marked for rollback) keeps no state
      transactions.registerInterposedSynchronization(tx);
      transactions.putResource(InTransaction.class, tx);
    }
    return tx;
  }

  /** One transaction's state in the log (see {@link #inTransaction()}). */
  private static final class InTransaction implements Synchronization {
    private final CommittedChanges sequencer;
    private final Map<RecordKey, FieldsAt> declared = new HashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private Long last;
    private boolean counterBehind;
    private boolean completing;
    private Connection connection;

    InTransaction(CommittedChanges sequencer) {
      this.sequencer = sequencer;
    }

    /**
     * The transaction's connection, asked of the pool once and closed when the transaction ends: a
     * group commit appends hundreds of changes, and each checkout of the transaction's connection
     * from the container's pool cost about a tenth of a push on Payara.
     */
    Connection connection(DataSource dataSource) throws SQLException {
      if (connection == null) {
        connection = dataSource.getConnection();
      }
      return connection;
    }

    /** Writes the counter row's last version, if a change was appended since it was written. */
    @Override
    public void beforeCompletion() {
      completing = true;
      if (!counterBehind) {
        return;
      }
      try {
        writeCounter(connection, last);
      } catch (SQLException e) {
        throw new IllegalStateException("could not write the change feed's counter", e);
      }
      counterBehind = false;
    }

    @Override
    public void afterCompletion(int status) {
      try {
        if (status == Status.STATUS_COMMITTED && !changes.isEmpty()) {
          sequencer.committed(changes);
        }
      } finally {
        closeConnection();
      }
    }

    private void closeConnection() {
      if (connection == null) {
        return;
      }
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "could not close the change log's connection", e);
      }
      connection = null;
    }
  }
}
