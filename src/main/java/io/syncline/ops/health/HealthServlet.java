package io.syncline.ops.health;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /health/live} and {@code /health/ready} (and {@code /health}, both): 200 when UP, 503 when
 * DOWN, MicroProfile Health's JSON either way. Unauthenticated, as load balancers call it.
 */
@WebServlet(urlPatterns = {"/health", "/health/live", "/health/ready"})
public class HealthServlet extends HttpServlet {

  @Inject private HealthChecks checks;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getServletPath();
    HealthReport report;
    if (path.endsWith("/live")) {
      report = checks.liveness();
    } else if (path.endsWith("/ready")) {
      report = checks.readiness();
    } else {
      HealthReport live = checks.liveness();
      HealthReport ready = checks.readiness();
      List<Check> all = new ArrayList<>(live.checks());
      all.addAll(ready.checks());
      report = new HealthReport(all);
    }
    response.setStatus(report.up() ? 200 : 503);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(report.toJson().toString());
  }
}
