package io.syncline.bench.scenario;

import io.netty.buffer.ByteBuf;
import io.syncline.bench.client.Client;
import io.syncline.bench.client.Conn;
import io.syncline.bench.client.FrameListener;
import io.syncline.bench.client.Pacer;
import io.syncline.bench.client.PushPublisher;
import io.syncline.bench.client.Recorder;
import io.syncline.bench.client.Stamps;
import io.syncline.bench.client.SynclineProtocol;
import io.syncline.bench.server.MachineLoad;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Commit to client: subscribers of {@code entity:Feed}, a writer committing new records through
 * {@code push} at a fixed rate; each change's stamp gives its latency at every subscriber.
 */
public final class CommitLatency {

  private static final String ENTITY = "Feed";

  private final Client client;
  private final Profile profile;

  public CommitLatency(Client client, Profile profile) {
    this.client = client;
    this.profile = profile;
  }

  /** The scenario against {@code subject}, whose database is named {@code database} (h2, postgres). */
  public LatencyResult run(Subject subject, String database) throws Exception {
    client.listen(null);
    Client.Opened subs =
        client.open(
            subject.server().ws(),
            new SynclineProtocol(subject.token(), "entity:" + ENTITY),
            profile.commitSubscribers(),
            profile.connectConcurrency(),
            120_000);
    Client.Opened writer =
        client.openPublishers(subject.server().ws(), new SynclineProtocol(subject.token()), 1);
    if (subs.conns().isEmpty() || writer.conns().isEmpty()) {
      throw new IllegalStateException("commit latency: could not connect");
    }
    int n = subs.conns().size();
    try (PushPublisher publisher =
        new PushPublisher(writer.conns().get(0), ENTITY, profile.messageBytes())) {
      // warm-up: the push path (JTA, JPA, the change log) runs JIT-cold at first and falls
      // seconds behind; it goes on until the server's JIT is done, and the measured phase starts
      // only once the warm-up's last change has reached a subscriber, so it starts warm and with
      // no backlog. The warm-up's deliveries are recorded (and dropped), so that the measured
      // phase does not begin with the load generator's own reading code cold
      client.listen(new Recorder(0, n));
      long[] warm = {
        Pacer.run(publisher, profile.commitRate(), Math.max(2000, profile.warmupMillis()), 0)
      };
      String warmed =
          JitWatch.warm(
              subject.server(),
              Profile.JIT_WARM_UP_LIMIT * profile.warmupMillis(),
              () ->
                  warm[0] +=
                      Pacer.run(publisher, profile.commitRate(), JitWatch.WINDOW_MILLIS, warm[0]));
      LastSeen seen = new LastSeen(warm[0] - 1);
      client.listen(seen);
      long warmDeadline = System.nanoTime() + 4 * profile.drainMillis() * 1_000_000L;
      while (!seen.arrived && System.nanoTime() < warmDeadline) {
        Thread.sleep(20);
      }
      client.listen(null);
      long base = 1_000_000;
      long startedAt = System.currentTimeMillis();
      Recorder recorder = new Recorder(base, n);
      client.listen(recorder);
      MachineLoad load = MachineLoad.start(List.of(subject.server()));
      long cpu0 = subject.server().cpuNanos();
      long t0 = System.nanoTime();
      long sent = Pacer.run(publisher, profile.commitRate(), profile.commitMillis(), base);
      long deadline = System.nanoTime() + profile.drainMillis() * 1_000_000L;
      while (System.nanoTime() < deadline
          && client.onSubscriberThread(recorder::received) < sent * n) {
        Thread.sleep(50);
      }
      double serverCores = (subject.server().cpuNanos() - cpu0) / (double) (System.nanoTime() - t0);
      double others = load.otherCores();
      double generator = load.harnessCores();
      Recorder.Delivery d = client.onSubscriberThread(() -> recorder.summary(sent, n));
      LatencyResult result =
          new LatencyResult(
              subject.name(),
              database,
              n,
              profile.commitRate(),
              sent,
              d.p50(),
              d.p99(),
              d.p999(),
              d.max(),
              d.lost(),
              d.duplicates(),
              d.frames(),
              serverCores,
              others,
              generator,
              d.p99PerSecond(),
              startedAt);
      System.out.printf(
          "  %-10s commit→client on %s, %d subs at %d writes/s: p50 %.2f p99 %.2f p99.9 %.2f max %.2f ms"
              + " lost %d dup %d frames %,d; cores: server %.2f others %.2f generator %.2f"
              + " (warm-up: %s); p99 by second from %s: %s%n",
          subject.name(),
          database,
          n,
          profile.commitRate(),
          d.p50(),
          d.p99(),
          d.p999(),
          d.max(),
          d.lost(),
          d.duplicates(),
          d.frames(),
          serverCores,
          others,
          generator,
          warmed,
          Instant.ofEpochMilli(startedAt),
          d.p99PerSecond().stream().map(p -> String.format(Locale.ROOT, "%.1f", p)).toList());
      return result;
    } finally {
      client.listen(null);
      Client.closeAll(writer.conns());
      Client.closeAll(subs.conns());
    }
  }

  /** Watches for one stamp's arrival at any subscriber. */
  private static final class LastSeen implements FrameListener {
    private final long seq;
    volatile boolean arrived;

    LastSeen(long seq) {
      this.seq = seq;
    }

    @Override
    public void frame(Conn conn, ByteBuf content) {
      Stamps.scan(
          content,
          (found, sentNanos) -> {
            if (found == seq) {
              arrived = true;
            }
          });
    }
  }
}
