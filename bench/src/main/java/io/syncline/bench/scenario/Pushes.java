package io.syncline.bench.scenario;

import io.netty.buffer.ByteBuf;
import io.syncline.bench.client.Client;
import io.syncline.bench.client.Conn;
import io.syncline.bench.client.FrameListener;
import io.syncline.bench.client.PushPublisher;
import io.syncline.bench.client.SynclineProtocol;
import java.nio.charset.StandardCharsets;

/**
 * Committed pushes: a few connections each keep a window of {@code push} frames (each a new
 * record) outstanding and send the next at every ack, for a fixed time; the rate is acks a second.
 */
public final class Pushes {

  private final Client client;
  private final Profile profile;

  public Pushes(Client client, Profile profile) {
    this.client = client;
    this.profile = profile;
  }

  public RateResult run(Subject subject, String database) throws Exception {
    Load load = new Load(profile.messageBytes());
    client.listen(load);
    Client.Opened opened =
        client.open(
            subject.server().ws(),
            new SynclineProtocol(subject.token()),
            profile.pushConnections(),
            profile.pushConnections(),
            60_000);
    try {
      // the write path compiled by the JIT first (the profile's warm-up, and on until the JIT is
      // done), then the measured window
      runFor(load, opened, profile.warmupMillis());
      // the push path is deep (decoding, JTA, JPA, JDBC, the change log): runs of one build
      // measured 1,289 to 8,212 pushes/s while the JIT was still compiling it
      String warmed =
          JitWatch.warm(
              subject.server(),
              Profile.JIT_WARM_UP_LIMIT * profile.warmupMillis(),
              () -> Thread.sleep(JitWatch.WINDOW_MILLIS));
      long acks0 = client.onSubscriberThread(() -> load.acks);
      long errors0 = client.onSubscriberThread(() -> load.errors);
      long start = System.nanoTime();
      long cpu0 = subject.server().cpuNanos();
      Thread.sleep(profile.pushMillis());
      long cpu = subject.server().cpuNanos() - cpu0;
      long acks = client.onSubscriberThread(() -> load.acks) - acks0;
      long errors = client.onSubscriberThread(() -> load.errors) - errors0;
      long millis = (System.nanoTime() - start) / 1_000_000;
      client.onSubscriberThread(() -> load.running = false);
      Thread.sleep(500);
      RateResult result =
          new RateResult(
              subject.name(),
              "pushes " + database,
              acks,
              millis,
              errors,
              acks == 0 ? 0 : cpu / 1000.0 / acks);
      System.out.printf(
          "  %-10s committed pushes on %s: %,d in %,d ms = %,.0f/s (%d errors), server cpu %.1f"
              + " µs/push (warm-up %,d ms, then %s)%n",
          subject.name(),
          database,
          acks,
          millis,
          result.perSecond(),
          errors,
          result.cpuMicrosPerOp(),
          profile.warmupMillis(),
          warmed);
      return result;
    } finally {
      client.listen(null);
      Client.closeAll(opened.conns());
    }
  }

  private void runFor(Load load, Client.Opened opened, long millis) throws Exception {
    client.onSubscriberThread(
        () -> {
          load.running = true;
          for (Conn conn : opened.conns()) {
            for (int i = 0; i < profile.pushWindow(); i++) {
              load.next(conn);
            }
            conn.flush();
          }
          return null;
        });
    Thread.sleep(millis);
  }

  /** Keeps each connection's window full while running. */
  private static final class Load implements FrameListener {
    final int size;
    boolean running;
    long acks;
    long errors;
    long sent;

    Load(int size) {
      this.size = size;
    }

    void next(Conn conn) {
      long n = sent++;
      StringBuilder data = new StringBuilder("{\"n\":").append(n).append(",\"p\":\"");
      while (data.length() < size - 2) {
        data.append('x');
      }
      conn.write(
          PushPublisher.frame("Pushed", "p" + n, "m" + n, data.append("\"}").toString()));
    }

    @Override
    public void frame(Conn conn, ByteBuf content) {
      String text = content.toString(StandardCharsets.UTF_8);
      int replies = 0;
      for (int i = text.indexOf("\"type\":\"push_ack\""); i >= 0; ) {
        acks++;
        replies++;
        i = text.indexOf("\"type\":\"push_ack\"", i + 10);
      }
      for (int i = text.indexOf("\"type\":\"error\""); i >= 0; ) {
        errors++;
        replies++;
        i = text.indexOf("\"type\":\"error\"", i + 10);
      }
      if (running) {
        for (int i = 0; i < replies; i++) {
          next(conn);
        }
        conn.flush();
      }
    }
  }
}
