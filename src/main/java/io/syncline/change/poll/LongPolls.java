package io.syncline.change.poll;

import io.syncline.change.catchup.ChangeFeed;
import io.syncline.change.catchup.ChangeQueries;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChannelName;
import io.syncline.security.ActorContext;
import io.syncline.security.Caller;
import io.syncline.security.ChannelPolicy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Long-poll requests waiting for a change: each is answered at once when there are changes after
 * its version on its channels, else when the next such change commits, else empty at the timeout.
 */
@ApplicationScoped
public class LongPolls {

  @Inject private ChangeFeed feed;
  @Inject private ChangeQueries queries;
  @Inject private ActorContext actors;
  @Inject private ChannelPolicy policy;
  @Resource private ManagedExecutorService executor;

  private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();

  /** One waiting request: which feeds it follows, from which version. */
  private final class Waiter {
    final List<String> entities = new ArrayList<>();
    final List<String[]> records = new ArrayList<>();
    final long since;
    final int limit;
    final AsyncResponse response;
    final Caller caller;
    final AtomicBoolean answered = new AtomicBoolean();

    Waiter(
        List<ChannelName> channels, long since, int limit, AsyncResponse response, Caller caller) {
      this.caller = caller;
      for (ChannelName channel : channels) {
        if (channel.kind() == ChannelName.Kind.ENTITY) {
          Optional<String> record = channel.recordId();
          if (record.isEmpty()) {
            entities.add(channel.entity());
          } else {
            records.add(new String[] {channel.entity(), record.get()});
          }
        }
      }
      this.since = since;
      this.limit = limit;
      this.response = response;
    }

    boolean follows(Change change) {
      return entities.contains(change.entity())
          || records.stream()
              .anyMatch(r -> r[0].equals(change.entity()) && r[1].equals(change.entityId()));
    }

    /** Answers with what there is; false when there was nothing and it should keep waiting. */
    boolean answer(boolean evenIfEmpty) {
      ChangeQueries.Page page =
          feed.visible(caller, queries.since(entities, records, since, limit));
      if ((page.changes().isEmpty() && !evenIfEmpty) || !answered.compareAndSet(false, true)) {
        return false;
      }
      waiting.remove(this);
      response.resume(page);
      return true;
    }
  }

  public void poll(
      List<ChannelName> channels, long since, int limit, long timeoutMs, AsyncResponse response) {
    feed.since(null, since, 1); // refuses a pruned range
    Caller caller = actors.caller();
    channels.forEach(channel -> policy.checkSubscribe(caller, channel));
    Waiter waiter = new Waiter(channels, since, limit, response, caller);
    response.setTimeout(timeoutMs, TimeUnit.MILLISECONDS);
    response.setTimeoutHandler(timedOut -> executor.execute(() -> waiter.answer(true)));
    waiting.add(waiter);
    waiter.answer(false);
  }

  void onChange(@Observes Change change) {
    for (Waiter waiter : waiting) {
      if (waiter.follows(change)) {
        executor.execute(() -> waiter.answer(false));
      }
    }
  }
}
