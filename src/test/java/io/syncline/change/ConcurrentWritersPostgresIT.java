package io.syncline.change;

import io.syncline.testing.PostgresServer;
import io.syncline.testing.ServerProcess;
import org.junit.jupiter.api.extension.ExtendWith;

/** The concurrency contract on a real PostgreSQL. */
@ExtendWith(PostgresServer.class)
class ConcurrentWritersPostgresIT extends ConcurrentWritersContract {

  @Override
  ServerProcess server() {
    return PostgresServer.server();
  }
}
