package io.syncline.ops;

import static io.syncline.testing.Frames.object;
import static io.syncline.testing.Frames.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.TestTokens;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * Health, metrics, the API descriptions and the admin API on the suite server, as a load balancer,
 * Prometheus, a portal team and an operator use them.
 */
@ExtendWith(SuiteServer.class)
class OpsIT {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-z_]+)(\\{[^}]*\\})? (-?[0-9.eE+-]+|NaN|\\+Inf)$");
  private final Rest rest = Rest.h2();
  private final Rest anonymous = new Rest(SuiteServer::http, null);
  private final Rest admin = rest.as(TestTokens.token("operator", "admin"));

  @Test
  void readinessIsUpWithTheDatabaseTheSequencerAndTheCluster() {
    JsonObject ready = Rest.body(anonymous.get("/health/ready"), 200);
    assertEquals("UP", ready.getString("status"));
    assertEquals(
        List.of("database", "change-sequencer", "cluster"), names(ready), ready.toString());
    JsonObject cluster = ready.getJsonArray("checks").getJsonObject(2);
    assertEquals("not clustered", cluster.getJsonObject("data").getString("state"));
  }

  @Test
  void livenessIsUpWithTheSendWritersAndTheSequencerThread() {
    JsonObject live = Rest.body(anonymous.get("/health/live"), 200);
    assertEquals("UP", live.getString("status"));
    assertEquals(List.of("send-writers", "change-sequencer-thread"), names(live));
  }

  @Test
  void countersMoveWithTraffic() {
    Map<String, Double> before = scrape();
    String entity = "Ops" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (WsClient client = WsClient.subscribed("/api/ws", "entity:" + entity)) {
      Rest.body(
          rest.post("/api/entities/" + entity, object("id", "r1", "name", "Ada").toString()), 201);
      client.expect("entity:created");
      client.send(subscribe("entity:Report"));
      client.expectError("forbidden");
      Map<String, Double> after = scrape();
      assertTrue(
          after.get("syncline_connections{endpoint=\"unified\",dialect=\"envelope\"}") >= 1,
          "the open connection is counted");
      assertMoved(before, after, "syncline_frames_received_total{type=\"subscribe\"}", 2);
      assertMoved(before, after, "syncline_deliveries_total", 1);
      assertMoved(before, after, "syncline_frames_sent_total{type=\"entity:created\"}", 1);
      assertMoved(
          before, after, "syncline_refusals_total{transport=\"socket\",reason=\"forbidden\"}", 1);
      assertMoved(before, after, "syncline_commit_to_broadcast_seconds_count", 1);
      assertMoved(before, after, "syncline_change_log_version", 1);
      assertMoved(
          before,
          after,
          "syncline_connections_opened_total{endpoint=\"unified\",dialect=\"envelope\"}",
          1);
      assertTrue(after.get("syncline_subscriptions") >= 1);
    }
    try (WsClient refused = WsClient.connect(SuiteServer.ws("/api/ws?access_token=not-a-jwt"))) {
      refused.awaitClose();
    }
    assertMoved(before, scrape(), "syncline_token_failures_total{reason=\"malformed\"}", 1);
  }

  @Test
  void theApiDescriptionsAreServedAndParse() {
    for (String document : List.of("/openapi", "/asyncapi")) {
      HttpResponse<String> response = anonymous.get(document);
      assertEquals(200, response.statusCode(), document);
      Map<String, Object> parsed = new Yaml().load(response.body());
      assertTrue(
          parsed.containsKey(document.equals("/openapi") ? "openapi" : "asyncapi"), document);
    }
  }

  @Test
  void theAdminApiRefusesNonAdminsAndListsConnectionsForAdmins() {
    assertEquals(403, rest.get("/api/admin/overview").statusCode());
    String user = "ops-" + UUID.randomUUID().toString().substring(0, 8);
    try (WsClient watched =
        WsClient.connect(
            SuiteServer.ws(WsClient.withToken("/api/ws", TestTokens.token(user, "user"))))) {
      watched.expect("connection:established");
      JsonObject overview = Rest.body(admin.get("/api/admin/overview"), 200);
      JsonObject connection =
          overview.getJsonArray("connections").getValuesAs(JsonObject.class).stream()
              .filter(c -> c.getString("user").equals(user))
              .findFirst()
              .orElseThrow();
      assertEquals("unified", connection.getString("endpoint"));
      assertTrue(overview.getJsonObject("feed").containsKey("lag"));
      Rest.body(
          admin.post(
              "/api/admin/connections/" + connection.getString("id") + "/disconnect",
              object().toString()),
          200);
      assertEquals(1001, watched.awaitClose());
    }
  }

  @Test
  void aForcedResyncTellsTheChannelsSubscribersToReloadAndIsAudited() {
    String channel = "entity:Ops" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (WsClient client = WsClient.subscribed("/api/ws", channel)) {
      JsonObject answer =
          Rest.body(
              admin.post("/api/admin/channels/" + channel + "/resync", object().toString()), 200);
      assertEquals(1, answer.getInt("subscribers"));
      client.expectError("resync_required");
    }
    JsonObject overview = Rest.body(admin.get("/api/admin/overview"), 200);
    assertTrue(
        overview.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
            .anyMatch(
                entry ->
                    entry
                        .getString("message")
                        .equals(
                            "admin_resync admin=operator channel=" + channel + " subscribers=1")),
        "the audited action is among the recent warnings: " + overview.getJsonArray("errors"));
    assertEquals(
        403,
        rest.post("/api/admin/channels/" + channel + "/resync", object().toString()).statusCode());
  }

  private static void assertMoved(
      Map<String, Double> before, Map<String, Double> after, String series, double atLeast) {
    double was = before.getOrDefault(series, 0.0);
    Double now = after.get(series);
    assertTrue(now != null && now - was >= atLeast, series + " went from " + was + " to " + now);
  }

  /** Every sample of /metrics, by name and labels as written; every line must be well formed. */
  private Map<String, Double> scrape() {
    HttpResponse<String> response = anonymous.get("/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        "Prometheus text");
    Map<String, Double> samples = new HashMap<>();
    for (String line : response.body().split("\n")) {
      if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      var match = SAMPLE.matcher(line);
      assertTrue(match.matches(), "not a Prometheus sample: " + line);
      String value = match.group(3);
      samples.put(
          match.group(1) + (match.group(2) == null ? "" : match.group(2)),
          value.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value));
    }
    return samples;
  }

  private static List<String> names(JsonObject report) {
    return report.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .map(check -> check.getString("name"))
        .toList();
  }
}
