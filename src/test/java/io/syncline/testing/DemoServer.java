package io.syncline.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A suite server configured as the README's run command configures it ({@code
 * server-config/demo.properties}: development mode, H2), for the demo page and the JavaScript
 * client's tests. Only the rate limits are raised and the origin check is the default one (the
 * server's own host). Use with {@code @ExtendWith(DemoServer.class)}.
 */
public final class DemoServer implements BeforeAllCallback {

  private static volatile ServerProcess running;

  @Override
  public void beforeAll(ExtensionContext context) {
    running =
        SuiteServer.once(
            context,
            DemoServer.class,
            () ->
                SuiteServer.start(
                    "demo",
                    Database.H2_MEMORY,
                    SuiteServer.merge(
                        SuiteServer.merge(demoProperties(), SuiteServer.GENEROUS_LIMITS),
                        Map.of("syncline.origins.allowed", ""))));
  }

  /** The demo server. */
  public static ServerProcess server() {
    return running;
  }

  private static Map<String, String> demoProperties() {
    Path file = Path.of(System.getProperty("syncline.it.serverConfig"), "demo.properties");
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
    Map<String, String> map = new HashMap<>();
    properties.forEach((key, value) -> map.put((String) key, (String) value));
    return map;
  }
}
