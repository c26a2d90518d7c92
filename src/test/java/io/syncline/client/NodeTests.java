package io.syncline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one folder of {@code src/test/js} with {@code node --test} against a running server. */
final class NodeTests {

  private static final long LIMIT_MINUTES = 10;

  private NodeTests() {}

  static void run(String folder, ServerProcess server) throws IOException, InterruptedException {
    Path js = Path.of(System.getProperty("syncline.it.jsDir"));
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    "node",
                    "--experimental-websocket",
                    "--test",
                    "--test-concurrency=1",
                    "--test-reporter=spec",
                    folder + "/"))
            .directory(js.toFile())
            .redirectErrorStream(true);
    builder.environment().put("SYNCLINE_URL", server.http("").toString());
    Path artifacts = Path.of(System.getProperty("syncline.it.artifacts"));
    Files.createDirectories(artifacts);
    builder.environment().put("SYNCLINE_ARTIFACTS", artifacts + "/");
    Path report = artifacts.resolve("node-" + folder + ".log");
    Process node = builder.redirectOutput(report.toFile()).start();
    try {
      assertTrue(
          node.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES),
          "node --test " + folder + " did not finish in " + LIMIT_MINUTES + " minutes");
    } finally {
      node.descendants().forEach(ProcessHandle::destroy);
      node.destroy();
    }
    String output = Files.readString(report);
    System.out.println(output);
    assertEquals(0, node.exitValue(), "node --test " + folder + " failed:\n" + output);
  }
}
