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
import java.util.List;
import java.util.function.Function;

/**
 * Answers {@code sync} and {@code recovery:request} on a socket, one page at a time: a page is kept
 * under half the connection's send queue, and the reply says whether to ask again.
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
    int sent = 0;
    long lastSent = sync.since();
    boolean cut = false;
    for (Change change : page.changes()) {
      List<Outbound> extra = alongside.apply(change);
      if (sent > 0 && sent + 1 + extra.size() > budget) {
        cut = true;
        break;
      }
      connection.send(
          new Outbound(
              new ChangeFrame(change), ChannelName.entity(change.entity()), ids, change.version()));
      extra.forEach(connection::send);
      sent += 1 + extra.size();
      lastSent = change.version();
    }
    connection.send(
        Outbound.reply(
            new SyncComplete(
                sync.entity(), cut ? lastSent : page.lastVersion(), cut || page.hasMore()),
            ids));
  }

  public void recover(Subscriber connection, RecoveryRequest request, RequestIds ids) {
    ChangeQueries.Page page = feed.since(null, request.lastSequenceNumber(), pageSize());
    List<Change> changes = page.changes();
    if (changes.isEmpty()) {
      connection.send(Outbound.reply(new RecoveryResponse(page.lastVersion(), null, true), ids));
      return;
    }
    for (int i = 0; i < changes.size(); i++) {
      Change change = changes.get(i);
      boolean complete = i == changes.size() - 1 && !page.hasMore();
      connection.send(
          new Outbound(
              new RecoveryResponse(change.version(), json(change), complete),
              null,
              ids,
              change.version()));
    }
  }

  private int pageSize() {
    return Math.max(1, Math.min(config.syncPageSize(), config.sendQueueFrames() / 2 - 1));
  }

  private static JsonValue json(Change change) {
    return JsonFactory.toJsonValue(change);
  }
}
