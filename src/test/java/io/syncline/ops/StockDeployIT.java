package io.syncline.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.AppServer;
import io.syncline.testing.Rest;
import io.syncline.testing.ServerProcess;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The WAR on the server as shipped, deployed with its deploy command and nothing else: it serves
 * the demo page, and on WildFly (which has no MicroProfile Health or Metrics of its own) its own
 * health and metrics. Stock Payara Micro keeps /health and /metrics for its own MicroProfile
 * implementations; the README's run moves those aside (docs/operations.md).
 */
class StockDeployIT {

  @Test
  void theWarDeploysAsShippedAndServesItsOperationsEndpoints() {
    AppServer server = AppServer.current();
    try (ServerProcess stock = server.startStock()) {
      Rest anonymous = new Rest(stock::http, null);
      assertEquals(200, anonymous.get("/").statusCode());
      assertEquals(200, anonymous.get("/admin/").statusCode());
      assertEquals(200, anonymous.get("/asyncapi").statusCode());
      if (server == AppServer.WILDFLY) {
        JsonObject ready = Rest.body(anonymous.get("/health/ready"), 200);
        assertEquals("UP", ready.getString("status"));
        assertEquals(3, ready.getJsonArray("checks").size(), ready.toString());
        HttpResponse<String> metrics = anonymous.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("# TYPE syncline_connections gauge"), metrics.body());
        assertEquals(200, anonymous.get("/openapi").statusCode());
      }
    }
  }
}
