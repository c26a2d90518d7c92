package io.syncline.change;

import io.syncline.testing.PayaraServer;
import io.syncline.testing.PostgresServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** The concurrency contract on a real PostgreSQL. */
@ExtendWith(PostgresServer.class)
class ConcurrentWritersPostgresIT extends ConcurrentWritersContract {

  @Override
  PayaraServer.Running server() {
    return PostgresServer.server();
  }
}
