package io.syncline.client;

import io.syncline.testing.DemoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin page in headless Chromium on the demo server ({@code src/test/js/admin}): live plots
 * that move under load, the disconnect button, no console errors, and a non-admin refused.
 */
@ExtendWith(DemoServer.class)
class AdminPageIT {

  @Test
  void theAdminPageShowsLiveLoadAndRefusesNonAdmins() throws Exception {
    NodeTests.run("admin", DemoServer.server());
  }
}
