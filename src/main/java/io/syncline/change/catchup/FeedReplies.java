package io.syncline.change.catchup;

import io.syncline.channel.Subscriber;
import io.syncline.config.SynclineConfig;
import io.syncline.protocol.Change;
import io.syncline.protocol.ChangeFrame;
import io.syncline.protocol.ChannelName;
import io.syncline.protocol.JsonFactory;
import io.syncline.protocol.Outbound;
import io.syncline.protocol.RecoveryRequest;
import io.syncline.protocol.RecoveryResponse;
import io.syncline.protocol.RequestIds;
import io.syncline.protocol.Sync;
import io.syncline.protocol.SyncComplete;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Answers {@code sync} and {@code recovery:request} on a socket, one page at a time: a page is kept
 * under half the connection's send queue, and the reply says whether to ask again. A page goes out
 * packed into a few {@code batch:update} frames where the dialect packs.
 */
@ApplicationScoped
public class FeedReplies {

  @Inject private ChangeFeed feed;
  @Inject private SynclineConfig config;

  public void sync(Subscriber connection, Sync sync, RequestIds ids) {
    sync(connection, sync, ids, change -> List.of());
  }

  /**
   * {@code sync}, with {@code alongside} each change the frames it returns (field changes). Those
   * count against the page too: a page ends early, with {@code hasMore}, rather than queue more
   * frames than half the connection's send queue.
   */
  public void sync(
      Subscriber connection,
      Sync sync,
      RequestIds ids,
      Function<Change, List<Outbound>> alongside) {
    int budget = pageSize();
    ChangeQueries.Page page = feed.since(sync.entity(), sync.since(), budget);
    List<Outbound> frames = new ArrayList<>();
    long lastSent = sync.since();
    boolean cut = false;
    for (Change change : page.changes()) {
      List<Outbound> extra = alongside.apply(change);
      if (!frames.isEmpty() && frames.size() + 1 + extra.size() > budget) {
        cut = true;
        break;
      }
      frames.add(
          new Outbound(
              new ChangeFrame(change), ChannelName.entity(change.entity()), ids, change.version()));
      frames.addAll(extra);
      lastSent = change.version();
    }
    frames.add(
        Outbound.reply(
            new SyncComplete(
                sync.entity(), cut ? lastSent : page.lastVersion(), cut || page.hasMore()),
            ids));
    connection.sendAll(frames);
  }

  /**
   * {@code recovery:request}: the changes of the missing ranges (up to {@code lastSequenceNumber},
   * in version order, each once), then those after {@code lastSequenceNumber}, one page in all; the
   * last frame says whether that was everything ({@code isComplete}) or the client should ask again
   * from where it got to.
   */
  public void recover(Subscriber connection, RecoveryRequest request, RequestIds ids) {
    int budget = pageSize();
    long last = request.lastSequenceNumber();
    List<Change> changes = new ArrayList<>();
    boolean more = false;
    for (RecoveryRequest.Range range : merged(request.missingRanges(), last)) {
      more = collect(changes, range.start() - 1, range.end(), budget);
      if (more) {
        break;
      }
    }
    long lastVersion = last;
    if (!more) {
      ChangeQueries.Page after = feed.since(null, last, budget - changes.size());
      changes.addAll(after.changes());
      more = after.hasMore();
      lastVersion = after.lastVersion();
    }
    if (changes.isEmpty()) {
      // none the caller may see in what was read; with more to read, it asks again from there
      connection.send(Outbound.reply(new RecoveryResponse(lastVersion, null, !more), ids));
      return;
    }
    List<Outbound> frames = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      Change change = changes.get(i);
      boolean complete = i == changes.size() - 1 && !more;
      frames.add(
          new Outbound(
              new RecoveryResponse(change.version(), json(change), complete),
              null,
              ids,
              change.version()));
    }
    connection.sendAll(frames);
  }

  /**
   * Adds the changes after {@code from} up to {@code to} that the caller may see, page by page (a
   * page may hold none it may see), until the range is read or {@code changes} holds {@code
   * budget}; returns whether it stopped for the budget.
   */
  private boolean collect(List<Change> changes, long from, long to, int budget) {
    long after = from;
    while (changes.size() < budget) {
      ChangeQueries.Page page = feed.since(null, after, budget - changes.size());
      for (Change change : page.changes()) {
        if (change.version() > to) {
          return false;
        }
        changes.add(change);
      }
      if (!page.hasMore() || page.lastVersion() >= to || page.lastVersion() <= after) {
        return false;
      }
      after = page.lastVersion();
    }
    return true;
  }

  /** The ranges, at most up to {@code last}, sorted, overlapping ones joined. */
  static List<RecoveryRequest.Range> merged(List<RecoveryRequest.Range> ranges, long last) {
    if (ranges == null) {
      return List.of();
    }
    List<RecoveryRequest.Range> sorted =
        ranges.stream()
            .filter(range -> range.start() <= last)
            .map(
                range ->
                    new RecoveryRequest.Range(
                        Math.max(1, range.start()), Math.min(last, range.end())))
            .sorted(Comparator.comparing(RecoveryRequest.Range::start))
            .toList();
    List<RecoveryRequest.Range> merged = new ArrayList<>();
    for (RecoveryRequest.Range range : sorted) {
      RecoveryRequest.Range previous = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (previous != null && range.start() <= previous.end() + 1) {
        merged.set(
            merged.size() - 1,
            new RecoveryRequest.Range(previous.start(), Math.max(previous.end(), range.end())));
      } else {
        merged.add(range);
      }
    }
    return merged;
  }

  private int pageSize() {
    return Math.max(1, Math.min(config.syncPageSize(), config.sendQueueFrames() / 2 - 1));
  }

  private static JsonValue json(Change change) {
    return JsonFactory.toJsonValue(change);
  }
}
