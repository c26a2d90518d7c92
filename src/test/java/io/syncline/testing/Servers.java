package io.syncline.testing;

import java.util.Map;

/**
 * Servers a test starts and stops itself (unlike the suite servers, kept for the whole run), for
 * what only a redeployment shows. Close each when done.
 */
public final class Servers {

  private Servers() {}

  /** A Payara Micro with the built WAR on PostgreSQL {@code database}, ready to serve. */
  public static PayaraServer.Running onPostgres(String name, Postgres database) {
    return PayaraServer.start(
        name,
        PayaraServer.merge(
            Map.of(
                "syncline.db.datasource-class", "org.postgresql.ds.PGSimpleDataSource",
                "syncline.db.url", database.jdbcUrl(),
                "syncline.db.user", database.user(),
                "syncline.db.password", database.password()),
            PayaraServer.GENEROUS_LIMITS));
  }
}
