package io.syncline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.ops.health.Check;
import io.syncline.ops.health.Checks;
import io.syncline.ops.health.HealthReport;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

  @Test
  void aSequencerWithinTheLagIsUpAndOneBeyondItSaysHowFarBehind() {
    assertTrue(Checks.sequencer(120, 100, 20).up());
    Check behind = Checks.sequencer(121, 100, 20);
    assertFalse(behind.up());
    assertEquals("change-sequencer", behind.name());
    assertEquals(
        "the change sequencer is 21 versions behind the log (at most 20)", behind.reason());
  }

  @Test
  void anUnreachableDatabaseIsDownWithTheRootCause() {
    Check database =
        Checks.database(
            () -> {
              throw new IllegalStateException(
                  "wrapped", new java.sql.SQLException("Connection refused\nmore"));
            });
    assertFalse(database.up());
    assertEquals(
        "the database did not answer: SQLException: Connection refused", database.reason());
  }

  @Test
  void aStoppedThreadNamesItself() {
    Check stopped = Checks.thread("send-writers", false, "the send writer pool");
    assertEquals("the send writer pool is not running", stopped.reason());
    assertTrue(Checks.thread("send-writers", true, "the send writer pool").up());
  }

  @Test
  void oneFailingCheckMakesTheReportDownAndTheJsonNamesIt() {
    HealthReport report =
        new HealthReport(
            List.of(Checks.cluster(), Checks.database(() -> 7), Checks.sequencer(50, 1, 10)));
    assertFalse(report.up());
    JsonObject json = report.toJson();
    assertEquals("DOWN", json.getString("status"));
    JsonObject cluster = json.getJsonArray("checks").getJsonObject(0);
    assertEquals("UP", cluster.getString("status"));
    assertEquals("not clustered", cluster.getJsonObject("data").getString("state"));
    JsonObject failing = json.getJsonArray("checks").getJsonObject(2);
    assertEquals("change-sequencer", failing.getString("name"));
    assertEquals("DOWN", failing.getString("status"));
    assertEquals(49, failing.getJsonObject("data").getInt("lag"));
    assertTrue(failing.getJsonObject("data").getString("reason").contains("49 versions behind"));
  }
}
