package io.syncline.channel;

import io.syncline.protocol.BatchUpdate;
import io.syncline.protocol.EntityChangeFrame;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.RequestIds;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One subscription's options (seed 003): {@code filters} keep only the entity changes whose record
 * matches them; {@code throttle} holds frames and delivers them as one {@code batch:update} at most
 * every {@code throttle} ms, keeping only the latest frame per record (a delete, being the latest
 * state, is never lost).
 */
public final class ChannelOptions {

  private final String channel;
  private final JsonObject filters;
  private final long throttleMs;
  private final ScheduledExecutorService scheduler;
  private final Map<String, String> held = new LinkedHashMap<>();
  private boolean flushScheduled;
  private long sequence;

  public ChannelOptions(
      String channel, JsonObject filters, long throttleMs, ScheduledExecutorService scheduler) {
    this.channel = channel;
    this.filters = filters == null || filters.isEmpty() ? null : filters;
    this.throttleMs = Math.max(0, throttleMs);
    this.scheduler = scheduler;
  }

  /** Whether these options change anything; plain subscriptions keep the direct path. */
  public boolean isPlain() {
    return filters == null && throttleMs == 0;
  }

  /** Whether the filters let this frame through; only entity changes are filtered. */
  boolean accepts(Outbound frame) {
    if (filters == null || !(frame.message() instanceof EntityChangeFrame event)) {
      return true;
    }
    if (!(event.change().data() instanceof JsonObject record)) {
      return true; // a delete: the client may hold the record, so it must hear of it
    }
    return filters.entrySet().stream()
        .allMatch(filter -> Objects.equals(filter.getValue(), record.get(filter.getKey())));
  }

  /** Delivers a frame that passed the filters, now or in the next batch. */
  void deliver(Outbound frame, String encoded, Subscriber subscriber) {
    deliver(
        frame.message() instanceof EntityChangeFrame event
            ? event.change().entity() + "/" + event.change().entityId()
            : null,
        encoded,
        subscriber);
  }

  /**
   * Delivers a frame already encoded for this subscriber, now or in the next batch; {@code record}
   * names the record it is the latest state of (only the latest is kept), or is null.
   */
  void deliver(String record, String encoded, Subscriber subscriber) {
    if (throttleMs == 0) {
      subscriber.deliver(encoded);
      return;
    }
    boolean schedule;
    synchronized (this) {
      String key = record != null ? record : "#" + sequence++;
      held.remove(key); // re-inserted last: the batch stays in version order
      held.put(key, encoded);
      schedule = !flushScheduled;
      flushScheduled = true;
    }
    if (schedule) {
      scheduler.schedule(() -> flush(subscriber), throttleMs, TimeUnit.MILLISECONDS);
    }
  }

  /** Sends what is held as one batch. */
  void flush(Subscriber subscriber) {
    List<String> updates = new ArrayList<>();
    synchronized (this) {
      flushScheduled = false;
      if (held.isEmpty()) {
        return;
      }
      updates.addAll(held.values());
      held.clear();
    }
    BatchUpdate batch = new BatchUpdate(UUID.randomUUID().toString(), updates);
    subscriber.send(new Outbound(batch, channel, RequestIds.NONE, null));
  }
}
