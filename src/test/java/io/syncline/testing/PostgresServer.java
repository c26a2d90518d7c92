package io.syncline.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A second suite server, on a real PostgreSQL started for the run. Use with
 * {@code @ExtendWith(PostgresServer.class)} and reach it through {@link #server()}.
 */
public final class PostgresServer implements BeforeAllCallback {

  private static volatile PayaraServer.Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    Postgres database =
        store.getOrComputeIfAbsent(
                Postgres.class, key -> new ClosingPostgres(Postgres.start()), ClosingPostgres.class)
            .postgres;
    running =
        store.getOrComputeIfAbsent(
            PostgresServer.class,
            key ->
                PayaraServer.start(
                    "postgres",
                    PayaraServer.merge(
                        Map.of(
                            "syncline.db.datasource-class", "org.postgresql.ds.PGSimpleDataSource",
                            "syncline.db.url", database.jdbcUrl(),
                            "syncline.db.user", database.user(),
                            "syncline.db.password", database.password()),
                        PayaraServer.GENEROUS_LIMITS)),
            PayaraServer.Running.class);
  }

  public static PayaraServer.Running server() {
    return running;
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
