package io.syncline.change;

import io.syncline.testing.PostgresServer;
import io.syncline.testing.ServerProcess;
import org.junit.jupiter.api.extension.ExtendWith;

/** Batched writes on a real PostgreSQL: flushed together, and their look-ups read ahead. */
@ExtendWith(PostgresServer.class)
class BatchedWritesPostgresIT extends BatchedWritesContract {

  @Override
  ServerProcess server() {
    return PostgresServer.server();
  }
}
