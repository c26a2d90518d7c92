package io.syncline.change;

import io.syncline.testing.ServerProcess;
import io.syncline.testing.SuiteServer;
import org.junit.jupiter.api.extension.ExtendWith;

/** Batched writes on the embedded H2 database: flushed together, looked up one by one. */
@ExtendWith(SuiteServer.class)
class BatchedWritesH2IT extends BatchedWritesContract {

  @Override
  ServerProcess server() {
    return SuiteServer.server();
  }
}
