package io.syncline.change;

import io.syncline.testing.Database;
import io.syncline.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The crash contract on a real PostgreSQL, which outlives the killed server. */
class CrashPostgresIT extends CrashRecoveryContract {

  private static Postgres postgres;

  @BeforeAll
  static void startDatabase() {
    postgres = Postgres.start();
  }

  @AfterAll
  static void stopDatabase() {
    postgres.close();
  }

  @Override
  Database database() {
    return new Database.PostgreSql(postgres);
  }

  @Override
  String name() {
    return "crash-postgres";
  }
}
