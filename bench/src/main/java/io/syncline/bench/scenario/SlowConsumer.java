package io.syncline.bench.scenario;

import io.syncline.bench.client.Client;
import io.syncline.bench.client.Conn;
import io.syncline.bench.client.Pacer;
import io.syncline.bench.client.Recorder;
import io.syncline.bench.client.SocketPublisher;
import io.syncline.bench.server.MachineLoad;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Slow consumer: fan-out at a fixed offered rate to N subscribers plus one more, measured three
 * times: with all reading, then with the extra one no longer reading its socket (Netty's auto-read
 * off: its small receive buffer fills, then the server's send buffer, as with a client that hangs),
 * then, once it is gone, with all reading again. The run with the stall is compared with the mean
 * of the two around it, so that a drift from one run to the next (seen here: a second run slower
 * than the first with no stall at all) does not count as the stall's cost. Each run starts after a
 * full GC and once the server is idle. The others' latency in each run, the server's heap after a
 * full GC at the end of the first two, and what became of the stalled one.
 */
public final class SlowConsumer {

  private static final String SLOW_CLOSED = "syncline_slow_consumers_closed_total";

  private final Client client;
  private final Profile profile;
  private long seq;

  public SlowConsumer(Client client, Profile profile) {
    this.client = client;
    this.profile = profile;
  }

  public SlowResult run(Subject subject) throws Exception {
    Profile.Slow p = profile.slow();
    client.listen(null);
    MachineLoad.awaitIdle(subject.server(), 0.2, 30_000);
    Client.Opened opened =
        client.open(
            subject.server().ws(),
            subject.subscriber(),
            p.subscribers(),
            profile.connectConcurrency(),
            120_000);
    int n = opened.conns().size();
    // index n: the recorder counts only the others (indexes below n)
    Conn stalled =
        client
            .connect(subject.server().ws(), subject.subscriber(), n, p.receiveBuffer())
            .get(60, TimeUnit.SECONDS);
    Client.Opened publishers = client.openPublishers(subject.server().ws(), subject.publisher(), 2);
    if (n == 0 || publishers.conns().isEmpty()) {
      throw new IllegalStateException(subject.name() + ": slow consumer: could not connect");
    }
    double perSubscriber = p.deliveriesPerSec() / (double) (n + 1);
    try (SocketPublisher publisher =
        new SocketPublisher(publishers.conns(), subject.publisher(), profile.messageBytes())) {
      // warm-up, not kept: measured like a run so that it ends only once its messages arrived
      // (a backlog left by a server still compiling would otherwise land in the first run)
      measure(publisher, perSubscriber, profile.warmupMillis(), n);
      subject.server().settle();
      MachineLoad loadWithout = MachineLoad.start(List.of(subject.server()));
      Recorder.Delivery without = measure(publisher, perSubscriber, p.millis(), n);
      double othersWithout = loadWithout.otherCores();
      long heapWithout = subject.server().heapAfterGc();
      long rssWithout = subject.server().rssBytes();
      histogram(subject, "without");

      double closedBefore = subject.server().metric(SLOW_CLOSED);
      subject.server().settle();
      stalled.pauseReading();
      long stallStart = System.nanoTime();
      MachineLoad loadWith = MachineLoad.start(List.of(subject.server()));
      Recorder.Delivery with = measure(publisher, perSubscriber, p.millis(), n);
      double othersWith = loadWith.otherCores();
      // go on until the server gives up on the stalled one (as far as its metrics tell)
      double closedAfterMillis = -1;
      if (!Double.isNaN(closedBefore)) {
        long deadline = stallStart + p.maxStallMillis() * 1_000_000L;
        while (true) {
          if (subject.server().metric(SLOW_CLOSED) > closedBefore) {
            closedAfterMillis = (System.nanoTime() - stallStart) / 1e6;
            break;
          }
          if (System.nanoTime() >= deadline) {
            break;
          }
          seq += Pacer.run(publisher, perSubscriber, 1000, seq);
        }
      }
      long stallMillis = (System.nanoTime() - stallStart) / 1_000_000;
      long heapWith = subject.server().heapAfterGc();
      long rssWith = subject.server().rssBytes();
      double queueMax = subject.server().metric("syncline_send_queue_depth_max");
      histogram(subject, "with");
      int othersClosed = (int) opened.conns().stream().filter(c -> !c.isOpen()).count();

      // read again what piled up: a server that closed the socket shows it now
      client.listen(null);
      stalled.resumeReading();
      // what piled up takes a moment to read; long enough for a close behind it to arrive
      long readDeadline = System.nanoTime() + (closedAfterMillis >= 0 ? 10_000 : 2_000) * 1_000_000L;
      while (!stalled.closedYet() && System.nanoTime() < readDeadline) {
        Thread.sleep(50);
      }
      String fate;
      if (stalled.closedYet()) {
        fate =
            "closed by the server"
                + (stalled.closeCode() >= 0
                    ? " with " + stalled.closeCode()
                    : " without a close frame")
                + (closedAfterMillis >= 0
                    ? String.format(" %.1f s into the stall", closedAfterMillis / 1000)
                    : "");
      } else {
        fate = String.format("still open after %.1f s without reading", stallMillis / 1000.0);
      }
      stalled.close();
      subject.server().settle();
      MachineLoad loadAgain = MachineLoad.start(List.of(subject.server()));
      Recorder.Delivery again = measure(publisher, perSubscriber, p.millis(), n);
      double othersAgain = loadAgain.otherCores();
      SlowResult result =
          new SlowResult(
              subject.name(),
              n,
              p.deliveriesPerSec(),
              p.millis(),
              without.p50(),
              without.p99(),
              without.lost(),
              with.p50(),
              with.p99(),
              with.lost(),
              again.p50(),
              again.p99(),
              again.lost(),
              othersClosed,
              fate,
              stalled.closeCode(),
              closedAfterMillis,
              heapWithout,
              heapWith,
              rssWithout,
              rssWith,
              queueMax,
              othersWithout,
              othersWith,
              othersAgain);
      System.out.printf(
          "  %-10s slow consumer, %d subs + 1 at %,d deliveries/s: others' p99 %.2f ms without,"
              + " %.2f ms with one stalled, %.2f ms without again (%.2f× the mean without), lost"
              + " %d / %d / %d, others closed %d; stalled one: %s; heap after GC %,d / %,d KB;"
              + " fullest send queue at the end %s; other processes used %.2f / %.2f / %.2f"
              + " cores%n",
          subject.name(),
          n,
          p.deliveriesPerSec(),
          without.p99(),
          with.p99(),
          again.p99(),
          result.p99Ratio(),
          without.lost(),
          with.lost(),
          again.lost(),
          othersClosed,
          fate,
          heapWithout / 1024,
          heapWith / 1024,
          Double.isNaN(queueMax) ? "–" : String.format("%,.0f", queueMax),
          othersWithout,
          othersWith,
          othersAgain);
      return result;
    } finally {
      client.listen(null);
      stalled.close();
      Client.closeAll(publishers.conns());
      Client.closeAll(opened.conns());
    }
  }

  /** The server's class histogram after a run (what a stalled client makes it hold). */
  private static void histogram(Subject subject, String run) {
    subject
        .server()
        .classHistogram(
            subject.server().log().resolveSibling(subject.name() + "-slow-histogram-" + run + ".txt"));
  }

  /** One measured run: the others' deliveries (indexes below {@code n}). */
  private Recorder.Delivery measure(
      SocketPublisher publisher, double perSubscriber, long millis, int n) throws Exception {
    Recorder recorder = new Recorder(seq, n);
    client.listen(recorder);
    long sent = Pacer.run(publisher, perSubscriber, millis, seq);
    seq += sent;
    long expected = sent * n;
    long last = -1;
    long quietSince = System.nanoTime();
    while (true) {
      long received = client.onSubscriberThread(recorder::received);
      if (received >= expected) {
        break;
      }
      if (received != last) {
        last = received;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > profile.drainMillis() * 1_000_000L) {
        break;
      }
      Thread.sleep(50);
    }
    Recorder.Delivery d = client.onSubscriberThread(() -> recorder.summary(sent, n));
    client.listen(null);
    return d;
  }
}
