package io.syncline.bench.scenario;

import io.netty.buffer.ByteBuf;
import io.syncline.bench.client.Client;
import io.syncline.bench.client.Conn;
import io.syncline.bench.client.FrameListener;
import io.syncline.bench.client.SynclineProtocol;
import io.syncline.bench.server.Launcher;
import io.syncline.testing.Frames;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Catch-up: commits many changes (REST batches of 1,000), then one client fetches them all with
 * {@code sync} from version 0, page after page, and the rate is changes received per second. The
 * same catch-up runs unmeasured before, for the profile's warm-up time, to warm the JIT.
 */
public final class CatchUp {

  private static final String ENTITY = "Catchup";
  private static final int BATCH = 1000;
  private static final Pattern LAST = Pattern.compile("\"lastVersion\":(\\d+)");

  private final Client client;
  private final Profile profile;

  public CatchUp(Client client, Profile profile) {
    this.client = client;
    this.profile = profile;
  }

  public RateResult run(Subject subject) throws Exception {
    int total = profile.catchUpChanges();
    for (int from = 0; from < total; from += BATCH) {
      StringBuilder body = new StringBuilder("{\"operations\":[");
      for (int i = from; i < Math.min(total, from + BATCH); i++) {
        body.append(i == from ? "" : ",")
            .append("{\"action\":\"create\",\"id\":\"c")
            .append(i)
            .append("\",\"data\":{\"n\":")
            .append(i)
            .append(",\"p\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}}");
      }
      int status =
          Launcher.post(
              subject.server().http().resolve("/api/entities/" + ENTITY + "/batch"),
              subject.token(),
              body.append("]}").toString());
      if (status != 200) {
        throw new IllegalStateException("catch-up seeding failed: HTTP " + status);
      }
    }
    Client.Opened opened =
        client.open(subject.server().ws(), new SynclineProtocol(subject.token()), 1, 1, 60_000);
    try {
      // the same catch-up unmeasured, at least once and for the profile's warm-up time, so that
      // the measured one runs JIT-compiled
      long warmUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(profile.warmupMillis());
      do {
        Reader warmUp = new Reader(total);
        client.listen(warmUp);
        warmUp.ask(opened.conns().get(0), 0);
        warmUp.done.get(10, TimeUnit.MINUTES);
      } while (System.nanoTime() < warmUntil);
      Reader reader = new Reader(total);
      client.listen(reader);
      long start = System.nanoTime();
      long cpu0 = subject.server().cpuNanos();
      reader.ask(opened.conns().get(0), 0);
      long count = reader.done.get(10, TimeUnit.MINUTES);
      long cpu = subject.server().cpuNanos() - cpu0;
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      RateResult result =
          new RateResult(
              subject.name(), "catch-up", count, millis, 0, count == 0 ? 0 : cpu / 1000.0 / count);
      System.out.printf(
          "  %-10s catch-up: %,d changes by sync in %,d ms = %,.0f changes/s, server cpu %.2f"
              + " µs/change%n",
          subject.name(),
          count,
          millis,
          result.perSecond(),
          result.cpuMicrosPerOp());
      return result;
    } finally {
      client.listen(null);
      Client.closeAll(opened.conns());
    }
  }

  /** Counts {@code change} frames and asks for the next page at each {@code sync:complete}. */
  private static final class Reader implements FrameListener {
    final CompletableFuture<Long> done = new CompletableFuture<>();
    final int total;
    long changes;

    Reader(int total) {
      this.total = total;
    }

    void ask(Conn conn, long since) {
      conn.send(Frames.sync("s" + since, ENTITY, since));
    }

    @Override
    public void frame(Conn conn, ByteBuf content) {
      String text = content.toString(StandardCharsets.UTF_8);
      for (int i = text.indexOf("\"type\":\"change\""); i >= 0; ) {
        changes++;
        i = text.indexOf("\"type\":\"change\"", i + 10);
      }
      int complete = text.indexOf("\"type\":\"sync:complete\"");
      if (complete >= 0) {
        Matcher last = LAST.matcher(text);
        boolean more = text.indexOf("\"hasMore\":true", complete) >= 0;
        if (more && last.find(complete)) {
          ask(conn, Long.parseLong(last.group(1)));
        } else {
          done.complete(changes);
        }
      } else if (text.startsWith("{\"type\":\"error\"")) {
        done.completeExceptionally(new IllegalStateException("sync refused: " + text));
      }
    }

    @Override
    public void closed(Conn conn) {
      done.completeExceptionally(new IllegalStateException("closed during catch-up"));
    }
  }
}
