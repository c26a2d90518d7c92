package io.syncline.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A second suite server, on a real PostgreSQL started for the run. Use with
 * {@code @ExtendWith(PostgresServer.class)} and reach it through {@link #server()}.
 */
public final class PostgresServer implements BeforeAllCallback {

  private static volatile ServerProcess running;
  private static volatile Postgres database;

  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    database =
        store.getOrComputeIfAbsent(
                Postgres.class, key -> new ClosingPostgres(Postgres.start()), ClosingPostgres.class)
            .postgres;
    running =
        store.getOrComputeIfAbsent(
            PostgresServer.class,
            key ->
                SuiteServer.start(
                    "postgres", new Database.PostgreSql(database), SuiteServer.GENEROUS_LIMITS),
            ServerProcess.class);
  }

  public static ServerProcess server() {
    return running;
  }

  /** The PostgreSQL that server writes to. */
  public static Postgres database() {
    return database;
  }

  /** Stops the database when the run ends (after the server, which was stored later). */
  private record ClosingPostgres(Postgres postgres)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      postgres.close();
    }
  }
}
