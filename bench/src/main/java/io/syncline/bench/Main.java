package io.syncline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.syncline.bench.report.HtmlReport;
import io.syncline.bench.report.Results;
import io.syncline.bench.report.Table;
import io.syncline.bench.scenario.Profile;
import io.syncline.bench.server.Cores;
import io.syncline.bench.server.Env;
import io.syncline.bench.server.Launcher;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.nio.file.NoSuchFileException;
import java.util.stream.Stream;
import java.util.stream.Collectors;

/**
 * {@code java -jar bench/target/syncline-bench.jar smoke|full|soak [--only ceiling,syncline,cluster,wildfly,socketio,ws,postgres]
 * [--scenarios idle,fanout,storm,slow,rest,commit,pushes,catchup] [--subscribers 1000,5000]
 * [--ladder 10000,20000,40000] [--idle 5000] [--storm 5000] [--slow 1000,20000,10,300] [--soak-minutes 30]
 * [--soak-connections 5000]}:
 * runs the suite on 127.0.0.1, prints the side-by-side table, and writes results JSON and an HTML
 * report under {@code bench/target/results/}. Exits 1 only when the harness itself failed.
 */
public final class Main {

  public static void main(String[] args) throws Exception {
    Profile profile = Profile.named(args.length > 0 ? args[0] : "smoke");
    Set<String> only = Set.of();
    Set<String> scenarios = Set.of();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--only") && i + 1 < args.length) {
        only = Arrays.stream(args[++i].split(",")).map(String::trim).collect(Collectors.toSet());
      } else if (args[i].equals("--scenarios") && i + 1 < args.length) {
        scenarios =
            Arrays.stream(args[++i].split(",")).map(String::trim).collect(Collectors.toSet());
      } else if (args[i].equals("--subscribers") && i + 1 < args.length) {
        profile = profile.withSubscribers(integers(args[++i]));
      } else if (args[i].equals("--idle") && i + 1 < args.length) {
        profile = profile.withIdleConnections(Integer.parseInt(args[++i]));
      } else if (args[i].equals("--ladder") && i + 1 < args.length) {
        profile = profile.withLadder(integers(args[++i]));
      } else if (args[i].equals("--storm") && i + 1 < args.length) {
        profile = profile.withStormConnections(Integer.parseInt(args[++i]));
      } else if (args[i].equals("--slow") && i + 1 < args.length) {
        // subscribers,deliveries/s[,measured seconds[,longest stall in seconds]]
        List<Integer> v = integers(args[++i]);
        Profile.Slow s = profile.slow();
        profile =
            profile.withSlow(
                new Profile.Slow(
                    v.get(0),
                    v.size() > 1 ? v.get(1) : s.deliveriesPerSec(),
                    v.size() > 2 ? v.get(2) * 1000L : s.millis(),
                    v.size() > 3 ? v.get(3) * 1000L : s.maxStallMillis(),
                    s.receiveBuffer()));
      } else if (args[i].equals("--soak-minutes") && i + 1 < args.length) {
        Profile.Soak s = profile.soak();
        long millis = (long) (Double.parseDouble(args[++i]) * 60_000);
        profile =
            profile.withSoak(
                new Profile.Soak(
                    s.connections(),
                    millis,
                    s.messagesPerSec(),
                    Math.min(s.sampleMillis(), Math.max(5_000, millis / 4)),
                    s.minLifeMillis(),
                    s.maxLifeMillis(),
                    s.concurrency()));
      } else if (args[i].equals("--soak-connections") && i + 1 < args.length) {
        Profile.Soak s = profile.soak();
        profile =
            profile.withSoak(
                new Profile.Soak(
                    Integer.parseInt(args[++i]),
                    s.millis(),
                    s.messagesPerSec(),
                    s.sampleMillis(),
                    s.minLifeMillis(),
                    s.maxLifeMillis(),
                    s.concurrency()));
      }
    }
    watchdog(
        switch (profile.name()) {
          case "full" -> 100;
          // the soak on each part named, plus start-up and shut-down
          case "soak" -> (int) (profile.soak().millis() / 60_000) * Math.max(1, only.size()) + 15;
          default -> 8;
        });
    Path bench = benchDirectory();
    Path root = bench.getParent();
    Cores cores = Cores.detect();
    String machine = machine();
    cores.pinSelf();
    // BENCH_WAR: another build of the WAR, to compare two commits in back-to-back runs
    String war = System.getenv("BENCH_WAR");
    // BENCH_WILDFLY: an unpacked WildFly for the part wildfly (default: the one the ITs unpack)
    String wildfly = System.getenv("BENCH_WILDFLY");
    Env env =
        new Env(
            war == null || war.isBlank() ? root.resolve("target/syncline.war") : Path.of(war),
            bench.resolve("target/payara-micro.jar"),
            wildfly == null || wildfly.isBlank() ? unpackedWildFly(root) : Path.of(wildfly),
            root.resolve("server-config"),
            bench.resolve("peers"),
            bench.resolve("target/run"),
            System.getProperty("java.class.path"),
            cores);
    for (Path required : new Path[] {env.war(), env.payara(), env.peers().resolve("node_modules")}) {
      if (!Files.exists(required)) {
        throw new IllegalStateException(required + " is missing; run bench/run, which builds it");
      }
    }
    String started = DateTimeFormatter.ISO_INSTANT.format(Instant.now());
    String load = run("uptime").trim();
    System.out.println("Syncline benchmark, profile " + profile.name() + ", " + started);
    System.out.println("machine: " + machine);
    System.out.println("cores: " + cores.describe());
    System.out.println("load before: " + load);
    System.out.println("war: " + env.war());
    Results results =
        Results.start(
            profile.name(),
            started,
            machine,
            cores.describe(),
            load,
            profile.messageBytes(),
            Launcher.SYNCLINE_SETTINGS);
    new Suite(env, profile, only, scenarios, results).run();

    String table = Table.markdown(results);
    System.out.println();
    System.out.println(table);
    Path out = bench.resolve("target/results");
    Files.createDirectories(out);
    String stamp = started.replace(":", "").replace("-", "");
    Path json = out.resolve("results-" + profile.name() + "-" + stamp + ".json");
    Path html = out.resolve("report-" + profile.name() + "-" + stamp + ".html");
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(json.toFile(), results);
    Files.writeString(html, HtmlReport.render(results));
    Files.writeString(out.resolve("table-" + profile.name() + ".md"), table);
    System.out.println("results: " + json);
    System.out.println("report:  " + html);
    if (!results.failures().isEmpty()) {
      System.out.println("FAILED: " + results.failures());
      System.exit(1);
    }
    System.exit(0);
  }

  private static List<Integer> integers(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }

  /**
   * Ends the run, whatever it is doing, after {@code minutes}; the shutdown hooks stop every server
   * it started.
   */
  private static void watchdog(int minutes) {
    Thread timer =
        new Thread(
            () -> {
              try {
                Thread.sleep(minutes * 60_000L);
                System.err.println("The suite ran over " + minutes + " minutes: stopping it");
                System.exit(2);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "watchdog");
    timer.setDaemon(true);
    timer.start();
  }

  /** The WildFly {@code mvn verify} unpacks into {@code target/} (any version), if there is one. */
  private static Path unpackedWildFly(Path root) throws IOException {
    try (Stream<Path> dirs = Files.list(root.resolve("target"))) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("wildfly-"))
          .filter(Files::isDirectory)
          .findFirst()
          .orElse(root.resolve("target/wildfly"));
    } catch (NoSuchFileException e) {
      return root.resolve("target/wildfly");
    }
  }

  private static Path benchDirectory() throws URISyntaxException {
    Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return jar.toAbsolutePath().getParent().getParent(); // bench/target/x.jar or bench/target/classes
  }

  private static String machine() {
    String cpu = "";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .orElse("");
    } catch (IOException e) {
      // not Linux
    }
    return cpu
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + ", Java "
        + System.getProperty("java.version");
  }

  private static String run(String command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      return out;
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
