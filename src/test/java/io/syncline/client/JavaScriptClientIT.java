package io.syncline.client;

import io.syncline.testing.DemoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JavaScript client and the demo page against the real server: {@code src/test/js/it}
 * (reconnects mid-burst, long-poll fallback) and {@code src/test/js/e2e} (two headless Chromium
 * browsers on the demo page: edits and presence, and the schema-driven form and cookie). Their
 * reports are printed in the build log.
 */
@ExtendWith(DemoServer.class)
class JavaScriptClientIT {

  @Test
  void clientStaysInSyncWithTheRealServerAcrossCutsAndBlockedWebSockets() throws Exception {
    NodeTests.run("it", DemoServer.server());
  }

  @Test
  void twoBrowsersOnTheDemoPageSeeEachOthersEditsAndPresence() throws Exception {
    NodeTests.run("e2e", DemoServer.server());
  }
}
