package io.syncline.bench;

import io.syncline.bench.client.Client;
import io.syncline.bench.client.SocketIoProtocol;
import io.syncline.bench.client.SynclineProtocol;
import io.syncline.bench.client.WsProtocol;
import io.syncline.bench.report.Results;
import io.syncline.bench.scenario.CatchUp;
import io.syncline.bench.scenario.CommitLatency;
import io.syncline.bench.scenario.FanOut;
import io.syncline.bench.scenario.FanOutResult;
import io.syncline.bench.scenario.IdleMemory;
import io.syncline.bench.scenario.Profile;
import io.syncline.bench.scenario.Pushes;
import io.syncline.bench.scenario.SlowConsumer;
import io.syncline.bench.scenario.Soak;
import io.syncline.bench.scenario.Storm;
import io.syncline.bench.scenario.Subject;
import io.syncline.bench.server.Env;
import io.syncline.bench.server.Launcher;
import io.syncline.bench.server.ServerProcess;
import io.syncline.testing.Postgres;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The standard suite: the ceiling, then each server in turn, each stopped before the next. */
public final class Suite {

  private static final String CHANNEL = "component:bench";

  /** The server name of the two-node fan-out's results. */
  public static final String CLUSTER = "syncline-2-nodes";
  public static final String WILDFLY = "syncline-wildfly";

  private final Env env;
  private final Profile profile;
  private final Set<String> only;
  private final Set<String> scenarios;
  private final Results results;
  private final Launcher launcher;
  private final Client client = new Client();

  /**
   * Runs the parts in {@code only} (all if empty), and of each the scenarios in {@code scenarios}
   * (all if empty): idle, storm, fanout, slow, rest, commit, pushes, catchup. The part {@code
   * cluster} (two clustered nodes' fan-out) runs in the full profile, or when named in {@code
   * only}. The profile {@code soak} runs the soak alone, on Syncline unless {@code only} names
   * other parts; no other profile runs it.
   */
  public Suite(
      Env env, Profile profile, Set<String> only, Set<String> scenarios, Results results) {
    this.env = env;
    this.profile = profile;
    this.only =
        profile.name().equals("soak") && only.isEmpty() ? Set.of("syncline") : only;
    this.scenarios = scenarios;
    this.results = results;
    this.launcher = new Launcher(env);
  }

  public void run() {
    try {
      if (!soak()) {
        part("ceiling", this::ceiling);
      }
      part("syncline", this::syncline);
      if (!soak() && (profile.name().equals("full") || only.contains("cluster"))) {
        part("cluster", this::cluster);
      }
      if (only.contains("wildfly")) {
        part("wildfly", this::wildfly);
      }
      part("socketio", () -> peer("socket.io", "socketio-server.js", new SocketIoProtocol()));
      part("ws", () -> peer("ws", "ws-server.js", new WsProtocol("ws")));
      if (profile.postgres() && !soak()) {
        part("postgres", this::postgres);
      }
    } finally {
      client.close();
    }
  }

  private interface Part {
    void run() throws Exception;
  }

  private void part(String name, Part part) {
    if (!only.isEmpty() && !only.contains(name)) {
      return;
    }
    System.out.println("== " + name);
    try {
      part.run();
    } catch (Exception | Error e) {
      e.printStackTrace();
      results.failures().add(name + ": " + e);
    }
  }

  private void ceiling() throws Exception {
    try (ServerProcess trivial = launcher.trivial()) {
      WsProtocol protocol = new WsProtocol("trivial");
      Subject subject = new Subject("trivial", trivial, protocol, protocol, null);
      for (int n : profile.fanOutSubscribers()) {
        FanOutResult r = fanOut(subject, n, FanOut.Via.SOCKET);
        System.out.printf(
            "  load generator ceiling with %d subscribers: %,.0f deliveries/s (one frame each)%n",
            n, r.peakDeliveredPerSec());
      }
    }
  }

  private void syncline() throws Exception {
    try (ServerProcess server = launcher.syncline("h2", launcher.h2File("h2"))) {
      Subject subject = synclineSubject(server);
      common(subject);
      if (wanted("rest")) {
        int first = profile.fanOutSubscribers().get(0);
        results
            .fanOut()
            .add(
                new FanOut(client, profile)
                    .run(subject, first, FanOut.Via.REST, profile.ladder().subList(0, 2)));
      }
      if (wanted("commit")) {
        results.commitLatency().add(new CommitLatency(client, profile).run(subject, "h2"));
      }
      if (wanted("pushes")) {
        results.rates().add(new Pushes(client, profile).run(subject, "h2"));
      }
      if (wanted("catchup")) {
        results.rates().add(new CatchUp(client, profile).run(subject));
      }
    }
  }

  /**
   * Fan-out over two clustered Syncline nodes (docs/cluster.md): the subscribers split evenly
   * over them, the publishers on the first, so half the deliveries cross through Hazelcast. Its
   * figures stand next to the one-node ones (server {@code syncline}).
   */
  private void cluster() throws Exception {
    List<ServerProcess> nodes = launcher.synclineCluster("cluster", Launcher.h2(), 2);
    try {
      Subject first = synclineSubject(nodes.get(0));
      Subject subject =
          new Subject(
              CLUSTER, first.server(), first.subscriber(), first.publisher(), first.token());
      for (int n : profile.fanOutSubscribers()) {
        FanOutResult r =
            new FanOut(client, profile)
                .run(subject, nodes.subList(1, nodes.size()), n, FanOut.Via.SOCKET, profile.ladder());
        results.fanOut().add(r);
        if (r.steps().stream().allMatch(s -> s.deliveredPerSec() == 0)) {
          throw new IllegalStateException(CLUSTER + ": nothing was delivered");
        }
      }
    } finally {
      nodes.forEach(ServerProcess::close);
    }
  }

  /**
   * The same WAR on WildFly (Undertow's WebSocket stack instead of Tyrus on Grizzly), only when
   * named in {@code only}: the scenarios every server runs, and pushes on its H2, its figures under
   * {@value #WILDFLY}.
   */
  private void wildfly() throws Exception {
    try (ServerProcess server = launcher.synclineOnWildFly("wildfly")) {
      Subject syncline = synclineSubject(server);
      Subject wildfly =
          new Subject(
              WILDFLY, server, syncline.subscriber(), syncline.publisher(), syncline.token());
      common(wildfly);
      if (wanted("pushes")) { // Hibernate's write path, not EclipseLink's
        results.rates().add(new Pushes(client, profile).run(wildfly, "h2 on WildFly"));
      }
    }
  }

  private void postgres() throws Exception {
    try (Postgres database = Postgres.start(env.workDir().resolve("embedded-pg"));
        ServerProcess server =
            launcher.syncline(
                "postgres",
                Map.of(
                    "syncline.db.datasource-class", "org.postgresql.ds.PGSimpleDataSource",
                    "syncline.db.url", database.jdbcUrl(),
                    "syncline.db.user", database.user(),
                    "syncline.db.password", database.password()))) {
      Subject subject = synclineSubject(server);
      if (wanted("commit")) {
        results.commitLatency().add(new CommitLatency(client, profile).run(subject, "postgres"));
      }
      if (wanted("pushes")) {
        results.rates().add(new Pushes(client, profile).run(subject, "postgres"));
      }
    }
  }

  private void peer(String name, String script, io.syncline.bench.client.Protocol protocol)
      throws Exception {
    try (ServerProcess server = launcher.peer(name, script)) {
      Subject subject = new Subject(name, server, protocol, protocol, null);
      common(subject);
    }
  }

  /** The scenarios every server runs: the soak, or idle, fan-out, storm and slow consumer. */
  private void common(Subject subject) throws Exception {
    if (soak()) {
      results.soak().add(new Soak(client, profile).run(subject));
      return;
    }
    if (wanted("idle")) {
      results.idle().add(new IdleMemory(client, profile).run(subject));
    }
    if (wanted("fanout")) {
      for (int n : profile.fanOutSubscribers()) {
        fanOut(subject, n, FanOut.Via.SOCKET);
      }
    }
    if (wanted("storm")) {
      long t0 = System.nanoTime();
      results.storm().add(new Storm(client, profile).run(subject));
      took("storm", t0);
    }
    // the smoke runs it on Syncline only: the peers take the same path, and the smoke's time is short
    if (wanted("slow") && (subject.name().equals("syncline") || !profile.name().equals("smoke"))) {
      long t0 = System.nanoTime();
      results.slow().add(new SlowConsumer(client, profile).run(subject));
      took("slow consumer", t0);
    }
  }

  private static void took(String scenario, long startNanos) {
    System.out.printf("  (%s took %.1f s)%n", scenario, (System.nanoTime() - startNanos) / 1e9);
  }

  private boolean soak() {
    return profile.name().equals("soak");
  }

  private boolean wanted(String scenario) {
    return !soak() && (scenarios.isEmpty() || scenarios.contains(scenario));
  }

  private Subject synclineSubject(ServerProcess server) throws Exception {
    String token = Launcher.token(server, "bench", "user", "service", "admin");
    return new Subject(
        "syncline",
        server,
        new SynclineProtocol(token, CHANNEL),
        new SynclineProtocol(token, CHANNEL),
        token);
  }

  private FanOutResult fanOut(Subject subject, int n, FanOut.Via via) throws Exception {
    FanOutResult r = new FanOut(client, profile).run(subject, n, via, profile.ladder());
    results.fanOut().add(r);
    if (r.steps().stream().allMatch(s -> s.deliveredPerSec() == 0)) {
      throw new IllegalStateException(subject.name() + ": nothing was delivered");
    }
    return r;
  }

  /** Subscriber counts measured, for callers that print. */
  List<Integer> counts() {
    return profile.fanOutSubscribers();
  }
}
