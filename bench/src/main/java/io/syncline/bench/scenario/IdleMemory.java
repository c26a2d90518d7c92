package io.syncline.bench.scenario;

import io.syncline.bench.client.Client;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Idle connections: opens as many subscribed connections as asked (or as the open-file limit
 * allows both processes), waits, and reads the server's RSS and heap after a full GC, before and
 * after.
 */
public final class IdleMemory {

  private static final int FD_MARGIN = 300;

  private final Client client;
  private final Profile profile;

  public IdleMemory(Client client, Profile profile) {
    this.client = client;
    this.profile = profile;
  }

  public IdleResult run(Subject subject) throws Exception {
    long serverFds = openFiles(subject.server().pid());
    long limit = openFileLimit();
    int count =
        (int)
            Math.min(
                profile.idleConnections(),
                Math.min(limit - openFiles(ProcessHandle.current().pid()), limit - serverFds)
                    - FD_MARGIN);
    String note =
        count < profile.idleConnections()
            ? "capped at " + count + " by the open-file limit (" + limit + ")"
            : "";
    client.listen(null);
    Thread.sleep(1000);
    long heap0 = subject.server().heapAfterGc();
    long rss0 = subject.server().rssBytes();
    // before and after, so that what each connection holds is the difference, class by class
    subject
        .server()
        .classHistogram(
            subject.server().log().resolveSibling(subject.name() + "-idle-histogram-before.txt"));
    Client.Opened opened =
        client.open(
            subject.server().ws(),
            subject.subscriber(),
            count,
            profile.connectConcurrency(),
            900_000);
    try {
      Thread.sleep(2000);
      long heap1 = subject.server().heapAfterGc();
      long rss1 = subject.server().rssBytes();
      subject
          .server()
          .classHistogram(
              subject.server().log().resolveSibling(subject.name() + "-idle-histogram.txt"));
      if (System.getenv("BENCH_HEAP_DUMP") != null) {
        // who holds what: bench/README.md, "Where the time goes"
        subject
            .server()
            .heapDump(subject.server().log().resolveSibling(subject.name() + "-idle.hprof"));
      }
      IdleResult result =
          new IdleResult(
              subject.name(),
              opened.conns().size(),
              opened.failed(),
              opened.perSecond(),
              rss0,
              rss1,
              heap0,
              heap1,
              subject.server().heapResident(),
              note);
      System.out.printf(
          "  %-10s idle %,d connections (%d failed) at %,.0f/s: %,.0f B each (RSS %,.0f B, heap"
              + " %,.0f B) %s%n",
          subject.name(),
          result.connections(),
          result.failures(),
          result.connectsPerSec(),
          result.perConnection(),
          result.rssPerConnection(),
          result.heapPerConnection(),
          note);
      return result;
    } finally {
      Client.closeAll(opened.conns());
    }
  }

  private static long openFiles(long pid) {
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.count();
    } catch (IOException e) {
      return 0;
    }
  }

  private static long openFileLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          return Long.parseLong(line.substring(26).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // assume the usual
    }
    return 1024;
  }
}
