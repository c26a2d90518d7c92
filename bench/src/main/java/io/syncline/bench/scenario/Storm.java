package io.syncline.bench.scenario;

import io.netty.buffer.ByteBuf;
import io.syncline.bench.client.Client;
import io.syncline.bench.client.Conn;
import io.syncline.bench.client.FrameListener;
import io.syncline.bench.client.Recorder;
import io.syncline.bench.client.SocketPublisher;
import io.syncline.bench.server.MachineLoad;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Connection storm: N clients connect as fast as the server accepts them (at most the profile's
 * storm concurrency connecting at once), each with its token on the handshake where the server
 * has one, and subscribe once; then one message is broadcast to all of them.
 */
public final class Storm {

  private final Client client;
  private final Profile profile;

  public Storm(Client client, Profile profile) {
    this.client = client;
    this.profile = profile;
  }

  /** The longest wait after a warm-up storm for the server's JIT to finish its work. */
  static final long JIT_WAIT_MILLIS = 60_000;

  /**
   * Runs the storm and its broadcast as a warm-up, the profile's count of times, then once more,
   * measured. The warm-ups are of the same size, to get the server's connect, subscribe and fan-out
   * paths compiled: one of 500 left the JIT compiling through most of the measured storm, and after
   * one of 5,000 the server still needed about 600 µs of CPU per client where after eight it needed
   * about 330 (the JIT promoted over a hundred more methods to its last tier in each of the two
   * storms profiled; docs/performance.md). After each warm-up the server is left idle until its JIT
   * is done ({@link JitWatch}'s test, with no load meanwhile, unlike the other warm-ups), so no
   * storm starts while the compilers still work through what the one before left them.
   */
  public StormResult run(Subject subject) throws Exception {
    boolean jvm = subject.server().compileMillis() >= 0;
    int warmUps = profile.storm().warmUps();
    for (int i = 0; i < warmUps; i++) {
      once(subject, false, i);
      if (jvm) {
        System.out.printf(
            "  %-10s after warm-up storm %d of %d, %s%n",
            subject.name(),
            i + 1,
            warmUps,
            JitWatch.warm(
                subject.server(), JIT_WAIT_MILLIS, () -> Thread.sleep(JitWatch.WINDOW_MILLIS)));
      }
    }
    return once(subject, true, warmUps);
  }

  private StormResult once(Subject subject, boolean kept, int warmUps) throws Exception {
    Profile.Storm p = profile.storm();
    client.listen(null);
    MachineLoad.awaitIdle(subject.server(), 0.2, 30_000);
    MachineLoad load = MachineLoad.start(List.of(subject.server()));
    long cpu0 = subject.server().cpuNanos();
    long compiled0 = subject.server().compileMillis();
    Client.Opened opened =
        client.open(
            subject.server().ws(),
            subject.subscriber(),
            p.connections(),
            p.concurrency(),
            p.timeoutMillis());
    long cpu1 = subject.server().cpuNanos();
    long compiled1 = subject.server().compileMillis();
    List<Conn> conns = opened.conns();
    Client.Opened publishers = null;
    try {
      if (conns.isEmpty()) {
        throw new IllegalStateException(
            subject.name() + ": no client of the storm connected; log " + subject.server().log());
      }
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      Histogram handshake = new Histogram(3);
      Histogram subscribe = new Histogram(3);
      Histogram ready = new Histogram(3);
      Histogram greeting = new Histogram(3); // open → connection:established, Syncline only
      for (Conn c : conns) {
        if (c.greetedNanos() > 0) {
          greeting.recordValue(micros(c.greetedNanos() - c.openNanos()));
        }
        first = Math.min(first, c.startNanos());
        last = Math.max(last, c.readyNanos());
        handshake.recordValue(micros(c.openNanos() - c.startNanos()));
        subscribe.recordValue(micros(c.readyNanos() - c.openNanos()));
        ready.recordValue(micros(c.readyNanos() - c.startNanos()));
      }
      double accepted = conns.size() / ((last - first) / 1e9);
      double cpuPerClient =
          cpu0 < 0 || cpu1 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e3 / conns.size();
      double others = load.otherCores();
      boolean subscribes = subject.subscriber().subscribes(); // a plain ws client has no subscribe

      // the broadcast: once the storm's own traffic (presence announcements on Syncline) is over
      publishers = client.openPublishers(subject.server().ws(), subject.publisher(), 1);
      if (publishers.conns().isEmpty()) {
        throw new IllegalStateException(subject.name() + ": the storm's publisher did not connect");
      }
      awaitQuiet(p.timeoutMillis());
      int n = conns.size();
      Recorder recorder = new Recorder(0, n);
      client.listen(recorder);
      try (SocketPublisher publisher =
          new SocketPublisher(publishers.conns(), subject.publisher(), profile.messageBytes())) {
        publisher.publish(0);
        long deadline = System.nanoTime() + profile.drainMillis() * 1_000_000L * 5;
        while (client.onSubscriberThread(recorder::received) < n
            && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
      }
      Recorder.Delivery d = client.onSubscriberThread(() -> recorder.summary(1, n));
      client.listen(null);
      StormResult result =
          new StormResult(
              subject.name(),
              p.connections(),
              n,
              opened.failed(),
              p.concurrency(),
              accepted,
              handshake.getValueAtPercentile(50) / 1000.0,
              handshake.getValueAtPercentile(99) / 1000.0,
              subscribes ? subscribe.getValueAtPercentile(50) / 1000.0 : Double.NaN,
              subscribes ? subscribe.getValueAtPercentile(99) / 1000.0 : Double.NaN,
              ready.getValueAtPercentile(99) / 1000.0,
              d.p50(),
              d.p99(),
              d.max(),
              d.lost(),
              d.duplicates(),
              others,
              cpuPerClient,
              warmUps,
              compiled0 < 0 || compiled1 < 0 ? Double.NaN : compiled1 - compiled0);
      System.out.printf(
          "  %-10s %s %,d of %,d clients (%d failed, %d connecting at once) accepted at"
              + " %,.0f/s (server CPU %,.0f µs each%s): handshake p50 %.1f p99 %.1f ms,"
              + " subscribe ack p50 %.1f p99 %.1f ms%s;"
              + " one broadcast: p50 %.1f p99 %.1f last %.1f ms, lost %d; other processes used"
              + " %.2f cores during the storm%n",
          subject.name(),
          kept ? "storm" : "warm-up storm " + (warmUps + 1) + " of " + p.warmUps() + ":",
          n,
          p.connections(),
          opened.failed(),
          p.concurrency(),
          accepted,
          cpuPerClient,
          Double.isNaN(result.compileMillis())
              ? ""
              : String.format(
                  "; the JIT's compile time (wall) during the connects %,.0f ms",
                  result.compileMillis()),
          result.handshakeP50(),
          result.handshakeP99(),
          result.subscribeP50(),
          result.subscribeP99(),
          greeting.getTotalCount() == 0
              ? ""
              : String.format(
                  " (of which open → connection:established p50 %.1f p99 %.1f ms)",
                  greeting.getValueAtPercentile(50) / 1000.0,
                  greeting.getValueAtPercentile(99) / 1000.0),
          result.broadcastP50(),
          result.broadcastP99(),
          result.broadcastLast(),
          result.broadcastLost(),
          others);
      return result;
    } finally {
      client.listen(null);
      if (publishers != null) {
        Client.closeAll(publishers.conns());
      }
      Client.closeAll(conns);
    }
  }

  /** Waits until no frame has reached the subscribers for a second (at most {@code maxMillis}). */
  private void awaitQuiet(long maxMillis) throws Exception {
    Counter counter = new Counter();
    client.listen(counter);
    long deadline = System.nanoTime() + maxMillis * 1_000_000L;
    long last = -1;
    long quietSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long frames = client.onSubscriberThread(() -> counter.frames);
      if (frames != last) {
        last = frames;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > 1_000_000_000L) {
        break;
      }
      Thread.sleep(100);
    }
    client.listen(null);
  }

  private static long micros(long nanos) {
    return Math.max(0, nanos / 1000);
  }

  /** Counts frames, on the subscriber thread. */
  private static final class Counter implements FrameListener {
    long frames;

    @Override
    public void frame(Conn conn, ByteBuf content) {
      frames++;
    }
  }
}
