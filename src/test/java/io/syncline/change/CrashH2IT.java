package io.syncline.change;

import io.syncline.testing.Database;
import java.nio.file.Path;

/** The crash contract on an H2 file database, the README's default. */
class CrashH2IT extends CrashRecoveryContract {

  private static final Database FILE =
      new Database.H2File(
          Path.of(
              System.getProperty("syncline.it.workDir"), "crash-h2-" + System.nanoTime(), "db"));

  @Override
  Database database() {
    return FILE;
  }

  @Override
  String name() {
    return "crash-h2";
  }
}
