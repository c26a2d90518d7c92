package io.syncline.bench.scenario;

import io.syncline.bench.client.Client;
import io.syncline.bench.client.Conn;
import io.syncline.bench.client.Pacer;
import io.syncline.bench.client.Publisher;
import io.syncline.bench.client.Recorder;
import io.syncline.bench.client.RestPublisher;
import io.syncline.bench.client.SocketPublisher;
import io.syncline.bench.server.MachineLoad;
import io.syncline.bench.server.ServerProcess;
import java.util.ArrayList;
import java.util.List;

/**
 * Fan-out: N subscribers on one channel, publishers offering a fixed rate that steps up until p99
 * passes 100 ms (or messages are lost, or a subscriber is dropped).
 */
public final class FanOut {

  private static final int PUBLISHERS = 2;

  /**
   * The message warm-up's rate, in messages a second to its one subscriber. Code that runs once per
   * message (reading and checking the publisher's frame, starting the fan-out) runs 10 to 20 times
   * a second in a 10k–20k step at 1,000 subscribers, too seldom to reach HotSpot's C2 compiler
   * (about 5,000 calls) within the warm-up at that rate (docs/performance.md, "The JIT at 20k, once
   * more").
   */
  static final int MESSAGE_WARM_UP_RATE = 2000;

  private final Client client;
  private final Profile profile;
  private long seq;
  private List<ServerProcess> servers = List.of();
  /** This run's subscribers opened so far; one closed since counts in every step after. */
  private List<Conn> subscribed = List.of();

  public FanOut(Client client, Profile profile) {
    this.client = client;
    this.profile = profile;
  }

  /** How the publishers reach the server. */
  public enum Via {
    SOCKET,
    REST
  }

  public FanOutResult run(Subject subject, int subscribers, Via via, List<Integer> ladder)
      throws Exception {
    return run(subject, List.of(), subscribers, via, ladder);
  }

  /**
   * The same with the subscribers split evenly over {@code subject}'s server and {@code others}
   * (nodes of one cluster), the publishers on {@code subject}'s server; server CPU is summed over
   * all of them.
   */
  public FanOutResult run(
      Subject subject, List<ServerProcess> others, int subscribers, Via via, List<Integer> ladder)
      throws Exception {
    if (subscribers < 1) {
      throw new IllegalArgumentException("a fan-out needs at least one subscriber");
    }
    client.listen(null);
    List<ServerProcess> servers = new ArrayList<>();
    servers.add(subject.server());
    servers.addAll(others);
    this.servers = servers;
    List<Conn> opened = new ArrayList<>(); // every socket of this run, closed at its end
    Publisher publisher = null;
    try {
      // one subscriber first, for the message warm-up; the others join it afterwards
      Client.Opened first =
          client.open(subject.server().ws(), subject.subscriber(), 1, 1, 120_000, 0);
      opened.addAll(first.conns());
      subscribed = first.conns();
      Client.Opened publishers =
          client.openPublishers(subject.server().ws(), subject.publisher(), PUBLISHERS);
      opened.addAll(publishers.conns());
      if (first.conns().isEmpty() || publishers.conns().isEmpty()) {
        throw new IllegalStateException(
            subject.name() + ": no subscriber or publisher could connect; log "
                + subject.server().log());
      }
      publisher =
          via == Via.REST
              ? new RestPublisher(
                  subject.server().http(), "component:bench", subject.token(),
                  profile.messageBytes())
              : new SocketPublisher(
                  publishers.conns(), subject.publisher(), profile.messageBytes());
      warmMessagePath(subject, publisher);
      Client.Opened rest = openOthers(subject, servers, subscribers);
      opened.addAll(rest.conns());
      subscribed = new ArrayList<>(first.conns());
      subscribed.addAll(rest.conns());
      if (subscribers > 1 && rest.conns().isEmpty()) {
        throw new IllegalStateException(
            subject.name() + ": only the warm-up's subscriber could connect; log "
                + subject.server().log());
      }
      int n = 1 + rest.conns().size();
      List<Step> steps = ladder(subject, publisher, n, via, ladder);
      // the set-up rate is that of the subscribers opened together, as before the message warm-up
      return new FanOutResult(
          subject.name(), n, via.name().toLowerCase(), rest.perSecond(), rest.failed(), steps);
    } finally {
      try {
        if (publisher != null) {
          publisher.close();
        }
      } finally {
        Client.closeAll(opened);
        client.listen(null);
        subscribed = List.of();
      }
    }
  }

  /**
   * Opens the subscribers after the warm-up's one, split evenly over the servers (that one counts
   * as the first server's), indexed from 1.
   */
  private Client.Opened openOthers(Subject subject, List<ServerProcess> servers, int subscribers)
      throws InterruptedException {
    Client.Opened opened = null;
    int first = 1; // distinct indexes over the servers; the warm-up's subscriber is 0
    for (int i = 0; i < servers.size(); i++) {
      int share = subscribers / servers.size() + (i < subscribers % servers.size() ? 1 : 0);
      if (i == 0) {
        share--;
      }
      Client.Opened part =
          client.open(
              servers.get(i).ws(),
              subject.subscriber(),
              share,
              profile.connectConcurrency(),
              120_000,
              first);
      first += share;
      opened = opened == null ? part : merge(opened, part);
    }
    return opened;
  }

  /**
   * The warm-up at the ladder's first rate (not kept), a full GC of the servers ({@link
   * ServerProcess#settle}), then the ladder's steps, until the p99 passes the limit twice in a row,
   * a message is lost or a subscriber dropped.
   */
  private List<Step> ladder(
      Subject subject, Publisher publisher, int n, Via via, List<Integer> ladder)
      throws Exception {
    List<Step> steps = new ArrayList<>();
    boolean overBefore = false;
    // warm-up, not kept: the profile's, then on until the server's JIT is done
    step(subject, publisher, n, ladder.get(0), profile.warmupMillis());
    String warmed =
        JitWatch.warm(
            subject.server(),
            Profile.JIT_WARM_UP_LIMIT * profile.warmupMillis(),
            () -> step(subject, publisher, n, ladder.get(0), JitWatch.WINDOW_MILLIS));
    System.out.printf("  %-10s %5d subs warm-up: %s%n", subject.name(), n, warmed);
    // as before each of the slow consumer's runs: the subscribers' state, opened just before the
    // warm-up, is tenured now rather than by the first young collections, inside measured steps
    for (ServerProcess server : servers) {
      server.settle();
    }
    for (int offered : ladder) {
      Step step = step(subject, publisher, n, offered, profile.stepMillis());
      if (step.contaminated() && !profile.name().equals("smoke")) {
        // other processes took CPU during it: measured once more, and the retry kept (not in
        // the smoke, which only shows that the harness works, in bounded time)
        System.out.printf(
            "  %-10s offered %,9.0f/s: contaminated (other processes used %.2f cores), retried%n",
            subject.name(), step.offeredPerSec(), step.otherCpuCores());
        step = step(subject, publisher, n, offered, profile.stepMillis()).asRetry();
      }
      steps.add(step);
      System.out.printf(
          "  %-10s %5d subs %-6s offered %,9.0f/s delivered %,9.0f/s p50 %7.2f p99 %8.2f"
              + " p99.9 %8.2f max %8.2f ms (per message: first p50 %.2f, last p50 %.2f p99 %.2f)"
              + " lost %d dup %d closed %d cpu %.2f µs/delivery"
              + " frames %,d others %.2f cores generator %.2f cores%s%s%n",
          subject.name(),
          n,
          via.name().toLowerCase(),
          step.offeredPerSec(),
          step.deliveredPerSec(),
          step.p50(),
          step.p99(),
          step.p999(),
          step.max(),
          step.firstP50(),
          step.lastP50(),
          step.lastP99(),
          step.lost(),
          step.duplicates(),
          step.closed(),
          step.serverCpuMicrosPerDelivery(),
          step.frames(),
          step.otherCpuCores(),
          step.generatorCpuCores(),
          step.contaminated() ? " CONTAMINATED" : "",
          MachineLoad.generatorBound(step.generatorCpuCores()) ? " GENERATOR-BOUND" : "");
      // One step over the limit may be a hump, not the end: a server that packs a backlog gets
      // cheaper per delivery as the rate rises. Two in a row, a loss or a drop ends the ladder.
      boolean over = step.p99() > FanOutResult.P99_LIMIT_MS;
      if ((over && overBefore)
          || step.closed() > 0
          || step.lost() > 0
          || step.deliveredPerSec() < 0.5 * step.offeredPerSec()) {
        break;
      }
      overBefore = over;
    }
    return steps;
  }

  /**
   * The message warm-up, not kept: {@link #MESSAGE_WARM_UP_RATE} messages a second to the one
   * subscriber there is yet, for two fifths of the profile's warm-up (in {@code full}, 12,000
   * messages in 6 s), so that code run once per message is compiled before the steps, whatever
   * their rate. Every subject gets the same (in the cluster part, its first node). A warm-up whose
   * subscriber was dropped ends the run: every step would count that subscriber's messages lost.
   */
  private void warmMessagePath(Subject subject, Publisher publisher) throws Exception {
    long millis = profile.warmupMillis() * 2 / 5;
    Step warm = step(subject, publisher, 1, MESSAGE_WARM_UP_RATE, millis);
    System.out.printf(
        "  %-10s message warm-up: %,.0f messages/s delivered to one subscriber in %,d ms, lost %d%n",
        subject.name(), warm.deliveredPerSec(), millis, warm.lost());
    if (warm.closed() > 0) {
      throw new IllegalStateException(
          subject.name() + ": the message warm-up's subscriber was dropped; log "
              + subject.server().log());
    }
  }

  private static Client.Opened merge(Client.Opened a, Client.Opened b) {
    List<Conn> conns = new ArrayList<>(a.conns());
    conns.addAll(b.conns());
    long millis = a.millis() + b.millis();
    int opened = conns.size();
    return new Client.Opened(
        conns, a.failed() + b.failed(), millis == 0 ? 0 : opened * 1000.0 / millis, millis);
  }

  private long cpuNanos() {
    long sum = 0;
    for (ServerProcess server : servers) {
      sum += server.cpuNanos();
    }
    return sum;
  }

  private Step step(Subject subject, Publisher publisher, int n, double offered, long millis)
      throws Exception {
    long startedAt = System.currentTimeMillis();
    Recorder recorder = new Recorder(seq, n);
    client.listen(recorder);
    long cpu0 = cpuNanos();
    MachineLoad load = MachineLoad.start(servers);
    long t0 = System.nanoTime();
    long sent = Pacer.run(publisher, offered / n, millis, seq);
    seq += sent;
    long sendNanos = System.nanoTime() - t0;
    drain(recorder, sent * n);
    long cpu1 = cpuNanos();
    long wall = System.nanoTime() - t0;
    double others = load.otherCores();
    double generator = load.harnessCores();
    Recorder.Delivery d = client.onSubscriberThread(() -> recorder.summary(sent, n));
    client.listen(null);
    long delivered = d.received() - d.duplicates();
    double seconds = Math.max(sendNanos, d.spanNanos()) / 1e9;
    return new Step(
        offered,
        delivered / seconds,
        d.p50(),
        d.p99(),
        d.p999(),
        d.max(),
        d.lost(),
        d.duplicates(),
        Math.max(d.closed(), dropped()),
        d.frames(),
        delivered == 0 ? 0 : (cpu1 - cpu0) / 1000.0 / delivered,
        (cpu1 - cpu0) / (double) wall,
        d.p99PerSecond(),
        others,
        others > MachineLoad.CONTAMINATED_CORES,
        generator,
        false,
        startedAt,
        d.firstP50(),
        d.lastP50(),
        d.lastP99());
  }

  /**
   * Subscribers of this run closed by now. The recorder counts only the closes it sees during its
   * step; one closed earlier (in a warm-up, say, whose figures are not kept) would otherwise show in
   * a step as lost messages and no close.
   */
  private int dropped() {
    return (int) subscribed.stream().filter(Conn::closedYet).count();
  }

  /** Waits until everything arrived, or nothing more arrives for the drain time. */
  private void drain(Recorder recorder, long expected) throws Exception {
    long last = -1;
    long quietSince = System.nanoTime();
    while (true) {
      long received = client.onSubscriberThread(recorder::received);
      if (received >= expected) {
        return;
      }
      if (received != last) {
        last = received;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > profile.drainMillis() * 1_000_000L) {
        return;
      }
      Thread.sleep(50);
    }
  }

  /** Conns that are still open. */
  static long open(List<Conn> conns) {
    return conns.stream().filter(Conn::isOpen).count();
  }
}
