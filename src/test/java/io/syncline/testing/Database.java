package io.syncline.testing;

import java.nio.file.Path;

/** Which database a suite server uses; each application server applies it its own way. */
public sealed interface Database {

  /** The server's default: an in-memory H2 for the suite. */
  Database H2_MEMORY = new H2Memory();

  /** An in-memory H2, gone when the server stops. */
  record H2Memory() implements Database {}

  /** An H2 file database at {@code file} (without the {@code .mv.db} suffix). */
  record H2File(Path file) implements Database {
    /** The JDBC URL: written through on every commit, so a crash loses nothing acknowledged. */
    public String jdbcUrl() {
      return "jdbc:h2:" + file.toAbsolutePath() + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    }
  }

  /** A PostgreSQL server started by the suite. */
  record PostgreSql(Postgres server) implements Database {}
}
