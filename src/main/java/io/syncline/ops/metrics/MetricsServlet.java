package io.syncline.ops.metrics;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /metrics}: every metric in Prometheus's text format, unauthenticated as scrapers expect.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

  @Inject private Gauges gauges;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    PrometheusText text = new PrometheusText();
    Metrics.write(text);
    gauges.write(text);
    response.setContentType(PrometheusText.CONTENT_TYPE);
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(text.toString());
  }
}
