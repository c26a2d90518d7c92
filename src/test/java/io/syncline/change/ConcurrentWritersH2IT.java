package io.syncline.change;

import io.syncline.testing.PayaraServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** The concurrency contract on the embedded H2 database. */
@ExtendWith(PayaraServer.class)
class ConcurrentWritersH2IT extends ConcurrentWritersContract {

  @Override
  PayaraServer.Running server() {
    return PayaraServer.server();
  }
}
