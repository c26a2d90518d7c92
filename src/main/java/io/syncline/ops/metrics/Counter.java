package io.syncline.ops.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A monotonic count per combination of label values; label values must come from small sets. */
public final class Counter {

  private final String name;
  private final String help;
  private final List<String> labels;
  private final Map<List<String>, LongAdder> values = new ConcurrentHashMap<>();

  Counter(String name, String help, String... labels) {
    this.name = name;
    this.help = help;
    this.labels = List.of(labels);
  }

  public void inc(String... labelValues) {
    add(1, labelValues);
  }

  public void add(long amount, String... labelValues) {
    if (labelValues.length != labels.size()) {
      throw new IllegalArgumentException(name + " takes labels " + labels);
    }
    values.computeIfAbsent(List.of(labelValues), key -> new LongAdder()).add(amount);
  }

  /** The count for these label values (0 if never counted). */
  public long value(String... labelValues) {
    LongAdder adder = values.get(List.of(labelValues));
    return adder == null ? 0 : adder.sum();
  }

  /** The sum over all label values. */
  public long total() {
    return values.values().stream().mapToLong(LongAdder::sum).sum();
  }

  void write(PrometheusText text) {
    text.header(name, help, "counter");
    if (labels.isEmpty() && values.isEmpty()) {
      text.sample(name, List.of(), List.of(), 0);
    }
    values.forEach((key, value) -> text.sample(name, labels, key, value.sum()));
  }
}
