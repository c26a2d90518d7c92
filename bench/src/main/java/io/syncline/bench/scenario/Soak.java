package io.syncline.bench.scenario;

import io.netty.buffer.ByteBuf;
import io.syncline.bench.client.Client;
import io.syncline.bench.client.Conn;
import io.syncline.bench.client.FrameListener;
import io.syncline.bench.client.Pacer;
import io.syncline.bench.client.SocketPublisher;
import io.syncline.bench.client.Stamps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The soak: N clients connect, subscribe and receive broadcasts sent at a modest rate; each lives a
 * random short time, is closed and replaced at once, for the whole run. Every sample interval: the
 * server's heap after a full GC, its RSS, the open connections, and the errors so far.
 */
public final class Soak {

  private final Client client;
  private final Profile profile;

  public Soak(Client client, Profile profile) {
    this.client = client;
    this.profile = profile;
  }

  public SoakResult run(Subject subject) throws Exception {
    Profile.Soak p = profile.soak();
    Random random = new Random(17);
    Map<Conn, Boolean> live = new ConcurrentHashMap<>();
    LinkedBlockingQueue<Integer> toOpen = new LinkedBlockingQueue<>();
    Semaphore connecting = new Semaphore(p.concurrency());
    AtomicLong connects = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicLong unexpected = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    Tracker tracker = new Tracker(live, unexpected, toOpen, running);
    client.listen(tracker);
    Client.Opened publishers = client.openPublishers(subject.server().ws(), subject.publisher(), 1);
    if (publishers.conns().isEmpty()) {
      throw new IllegalStateException(subject.name() + ": the soak's publisher did not connect");
    }
    SocketPublisher publisher =
        new SocketPublisher(publishers.conns(), subject.publisher(), profile.messageBytes());
    Thread connector =
        new Thread(
            () -> {
              int index = 0;
              while (running.get()) {
                try {
                  Integer one = toOpen.poll(100, TimeUnit.MILLISECONDS);
                  if (one == null) {
                    continue;
                  }
                  connecting.acquire();
                  int i = index++;
                  long life =
                      p.minLifeMillis()
                          + (long) (random.nextDouble() * (p.maxLifeMillis() - p.minLifeMillis()));
                  client
                      .connect(subject.server().ws(), subject.subscriber(), i, 0)
                      .orTimeout(60, TimeUnit.SECONDS)
                      .whenComplete(
                          (c, e) -> {
                            connecting.release();
                            if (e != null) {
                              failures.incrementAndGet();
                              if (running.get()) {
                                // replaced a second later, not in a tight loop
                                timers.schedule(() -> toOpen.add(1), 1, TimeUnit.SECONDS);
                              }
                              return;
                            }
                            connects.incrementAndGet();
                            live.put(c, Boolean.TRUE);
                            if (!running.get()) {
                              c.close();
                              return;
                            }
                            timers.schedule(
                                () -> {
                                  if (live.remove(c) != null) {
                                    c.close();
                                    if (running.get()) {
                                      toOpen.add(1);
                                    }
                                  }
                                },
                                life,
                                TimeUnit.MILLISECONDS);
                          });
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  failures.incrementAndGet();
                }
              }
            },
            "soak-connector");
    long[] seq = {0};
    long chunk = (long) Math.max(1000, 1000 / p.messagesPerSec()); // at least one message each
    Thread sender =
        new Thread(
            () -> {
              // Pacer returns once it sent a chunk's messages, which may be before the chunk's end
              long next = System.nanoTime();
              while (running.get()) {
                seq[0] += Pacer.run(publisher, p.messagesPerSec(), chunk, seq[0]);
                next += chunk * 1_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                  LockSupport.parkNanos(wait);
                }
              }
            },
            "soak-publisher");
    List<SoakResult.Sample> samples = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < p.connections(); i++) {
        toOpen.add(1);
      }
      connector.start();
      sender.start();
      long end = start + p.millis() * 1_000_000L;
      long next = start;
      while (true) {
        next += p.sampleMillis() * 1_000_000L;
        long wait = Math.min(next, end) - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        long heap = subject.server().heapAfterGc();
        long rss = subject.server().rssBytes();
        double serverConns = subject.server().metric("syncline_connections");
        long[] counts = client.onSubscriberThread(tracker::snapshot);
        double p99 = client.onSubscriberThread(tracker::intervalP99);
        SoakResult.Sample s =
            new SoakResult.Sample(
                (System.nanoTime() - start) / 1e9,
                heap,
                rss,
                live.size(),
                serverConns,
                connects.get(),
                failures.get(),
                unexpected.get(),
                counts[0],
                counts[1],
                counts[2],
                p99);
        samples.add(s);
        System.out.printf(
            "  %-10s soak %6.0f s: heap after GC %,d KB, RSS %,d KB, open %,d (server %s),"
                + " connects %,d, failed %d, closed by the server %d, received %,d, lost %d,"
                + " dup %d, p99 %.1f ms%n",
            subject.name(),
            s.seconds(),
            heap / 1024,
            rss / 1024,
            s.openClients(),
            Double.isNaN(serverConns) ? "–" : String.format("%,.0f", serverConns),
            s.connects(),
            s.connectFailures(),
            s.unexpectedCloses(),
            s.received(),
            s.lost(),
            s.duplicates(),
            p99);
        if (System.nanoTime() >= end) {
          break;
        }
      }
    } finally {
      running.set(false);
      connector.interrupt();
      connector.join(10_000);
      sender.join(10_000);
      timers.shutdownNow();
      timers.awaitTermination(10, TimeUnit.SECONDS);
      publisher.close();
      Client.closeAll(publishers.conns());
      List<Conn> rest = new ArrayList<>(live.keySet());
      live.clear();
      Client.closeAll(rest);
      client.listen(null);
    }
    long[] counts = client.onSubscriberThread(tracker::snapshot);
    SoakResult result =
        new SoakResult(
            subject.name(),
            p.connections(),
            p.millis(),
            p.messagesPerSec(),
            p.minLifeMillis(),
            p.maxLifeMillis(),
            connects.get(),
            failures.get(),
            unexpected.get(),
            counts[1],
            counts[2],
            samples);
    System.out.printf(
        "  %-10s soak: %,d connections churning for %.1f min, %,d connects; heap flat: %s (%+,.0f KB"
            + " from the peak of the first third to that of the last, after the warm-up), errors"
            + " %d%n",
        subject.name(),
        p.connections(),
        p.millis() / 60_000.0,
        result.connects(),
        result.heapVerdict(),
        result.heapGrowth() / 1024,
        result.errors());
    return result;
  }

  /**
   * On the subscriber thread: per live connection the last sequence number it received (a gap is
   * lost, a repeat duplicated), latency of the current interval, and closes the client did not
   * ask for.
   */
  private static final class Tracker implements FrameListener, Stamps.Sink {
    private final Map<Conn, Boolean> live;
    private final AtomicLong unexpected;
    private final LinkedBlockingQueue<Integer> toOpen;
    private final AtomicBoolean running;
    private final Map<Conn, long[]> last = new HashMap<>();
    private final Histogram interval = new Histogram(120_000_000L, 3);
    private long received;
    private long lost;
    private long duplicates;
    private long[] current;
    private long now;

    Tracker(
        Map<Conn, Boolean> live,
        AtomicLong unexpected,
        LinkedBlockingQueue<Integer> toOpen,
        AtomicBoolean running) {
      this.live = live;
      this.unexpected = unexpected;
      this.toOpen = toOpen;
      this.running = running;
    }

    @Override
    public void frame(Conn conn, ByteBuf content) {
      now = System.nanoTime();
      current = last.computeIfAbsent(conn, c -> new long[] {-1});
      Stamps.scan(content, this);
    }

    @Override
    public void stamp(long seq, long sentNanos) {
      received++;
      long before = current[0];
      if (before >= 0 && seq <= before) {
        duplicates++;
        return;
      }
      if (before >= 0 && seq > before + 1) {
        lost += seq - before - 1;
      }
      current[0] = seq;
      interval.recordValue(Math.max(0, Math.min(120_000_000L, (now - sentNanos) / 1000)));
    }

    @Override
    public void closed(Conn conn) {
      last.remove(conn);
      if (!conn.closedHere() && live.remove(conn) != null) {
        unexpected.incrementAndGet();
        if (running.get()) {
          toOpen.add(1);
        }
      }
    }

    long[] snapshot() {
      return new long[] {received, lost, duplicates};
    }

    double intervalP99() {
      double p99 = interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1000.0;
      interval.reset();
      return p99;
    }
  }
}
