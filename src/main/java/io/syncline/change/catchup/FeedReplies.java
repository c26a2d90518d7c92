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
   * in version order, each once), then those after {@code lastSequenceNumber}: at most a page of
   * changes the caller may see, read from at most {@value #RECOVERY_PAGES} pages of the log (those
   * it may not see are read past). A complete answer's last frame says {@code isComplete}; one that
   * is not ends with a frame with null data whose {@code sequenceNumber} is how far it read, for
   * the client to ask again from.
   */
  public void recover(Subscriber connection, RecoveryRequest request, RequestIds ids) {
    int budget = pageSize();
    long last = request.lastSequenceNumber();
    List<RecoveryRequest.Range> ranges = new ArrayList<>(merged(request.missingRanges(), last));
    ranges.add(new RecoveryRequest.Range(last + 1, Long.MAX_VALUE));
    Recovered read = new Recovered(budget);
    for (RecoveryRequest.Range range : ranges) {
      if (!read.range(range.start() - 1, range.end())) {
        break;
      }
    }
    List<Change> changes = read.changes;
    List<Outbound> frames = new ArrayList<>(changes.size() + 1);
    for (int i = 0; i < changes.size(); i++) {
      Change change = changes.get(i);
      boolean complete = i == changes.size() - 1 && read.complete;
      frames.add(
          new Outbound(
              new RecoveryResponse(change.version(), json(change), complete),
              null,
              ids,
              change.version()));
    }
    if (changes.isEmpty() || !read.complete) {
      frames.add(Outbound.reply(new RecoveryResponse(read.position, null, read.complete), ids));
    }
    connection.sendAll(frames);
  }

  /** The pages of the log one recovery reads, at most; past them it answers how far it read. */
  static final int RECOVERY_PAGES = 8;

  /** What one recovery has read: the changes the caller may see, and how far. */
  private final class Recovered {
    final int budget;
    final List<Change> changes = new ArrayList<>();
    long position;
    boolean complete = true;
    int pages;

    Recovered(int budget) {
      this.budget = budget;
    }

    /**
     * Reads the changes after {@code from} up to {@code to}, page by page; false once it must stop
     * (a page of changes, or its pages read), with {@link #complete} false and {@link #position}
     * the version up to which everything wanted was answered.
     */
    boolean range(long from, long to) {
      long after = from;
      position = from; // everything wanted before this range was answered

      while (after < to) {
        if (changes.size() >= budget || pages >= RECOVERY_PAGES) {
          complete = false;
          return false;
        }
        pages++;
        ChangeQueries.Page page = feed.since(null, after, budget);
        for (Change change : page.changes()) {
          if (change.version() > to) {
            break;
          }
          if (changes.size() >= budget) {
            complete = false;
            return false;
          }
          changes.add(change);
          position = change.version();
        }
        if (!page.hasMore()) {
          // read to the log's head: nothing more in this range or any later one
          position = Math.max(position, Math.min(to, page.lastVersion()));
          return to != Long.MAX_VALUE && page.lastVersion() > to;
        }
        after = Math.min(to, page.lastVersion());
        position = Math.max(position, after);
      }
      return true;
    }
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
