/** Prometheus metrics: the WAR's own small registry, written as Prometheus text at /metrics. */
package io.syncline.ops.metrics;
