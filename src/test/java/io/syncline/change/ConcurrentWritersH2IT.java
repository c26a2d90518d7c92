package io.syncline.change;

import io.syncline.testing.ServerProcess;
import io.syncline.testing.SuiteServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** The concurrency contract on the embedded H2 database. */
@ExtendWith(SuiteServer.class)
class ConcurrentWritersH2IT extends ConcurrentWritersContract {

  @Override
  ServerProcess server() {
    return SuiteServer.server();
  }
}
