package io.syncline.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void countersAreWrittenPerLabelValuesWithEscaping() {
    Counter counter = new Counter("syncline_test_total", "A test", "reason");
    counter.inc("forbidden");
    counter.add(2, "say \"hi\"");
    PrometheusText text = new PrometheusText();
    counter.write(text);
    String out = text.toString();
    assertTrue(
        out.startsWith("# HELP syncline_test_total A test\n# TYPE syncline_test_total counter\n"));
    assertTrue(out.contains("syncline_test_total{reason=\"forbidden\"} 1\n"), out);
    assertTrue(out.contains("syncline_test_total{reason=\"say \\\"hi\\\"\"} 2\n"), out);
    assertEquals(3, counter.total());
  }

  @Test
  void histogramBucketsAreCumulativeAndEndInInf() {
    Histogram histogram = new Histogram("syncline_test_seconds", "A test", 0.1, 1);
    histogram.observe(0.05);
    histogram.observe(0.5);
    histogram.observe(5);
    PrometheusText text = new PrometheusText();
    histogram.write(text);
    String out = text.toString();
    assertTrue(out.contains("syncline_test_seconds_bucket{le=\"0.1\"} 1\n"), out);
    assertTrue(out.contains("syncline_test_seconds_bucket{le=\"1\"} 2\n"), out);
    assertTrue(out.contains("syncline_test_seconds_bucket{le=\"+Inf\"} 3\n"), out);
    assertTrue(out.contains("syncline_test_seconds_sum 5.55\n"), out);
    assertTrue(out.contains("syncline_test_seconds_count 3\n"), out);
  }

  @Test
  void quantilesAreTheBoundOfTheBucketReached() {
    Histogram histogram = new Histogram("h", "h", 0.01, 0.1, 1);
    for (int i = 0; i < 98; i++) {
      histogram.observe(0.005);
    }
    histogram.observe(0.05);
    histogram.observe(0.5);
    assertEquals(0.01, histogram.quantile(0.5));
    assertEquals(0.1, histogram.quantile(0.99));
    assertEquals(1.0, histogram.quantile(1.0));
    assertTrue(Double.isNaN(new Histogram("e", "e", 1).quantile(0.99)));
  }

  @Test
  void tokenFailureReasonsAreASmallSet() {
    assertEquals("expired", TokenFailures.reason("the token has expired"));
    assertEquals("malformed", TokenFailures.reason("the token is not a signed JWT"));
    assertEquals("signature", TokenFailures.reason("the token's signature does not verify"));
    assertEquals("other", TokenFailures.reason("something new"));
  }
}
