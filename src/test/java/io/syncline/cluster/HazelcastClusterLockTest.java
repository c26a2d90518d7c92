package io.syncline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The room lock's lease (docs/cluster.md), on embedded Hazelcast members in this JVM (the version
 * Payara embeds): work that outlives the lease does not turn into a failure, and a dead member's
 * lock is freed when the member is removed, not after the lease.
 */
class HazelcastClusterLockTest {

  private final List<HazelcastInstance> members = new ArrayList<>();
  private final String clusterName = "syncline-lock-test-" + UUID.randomUUID();
  private final int port = 20_000 + ThreadLocalRandom.current().nextInt(20_000);

  private HazelcastInstance member() {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.getNetworkConfig().setPort(port).setPortCount(2).setPortAutoIncrement(true);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig()
        .setEnabled(true)
        .addMember("127.0.0.1:" + port)
        .addMember("127.0.0.1:" + (port + 1));
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    members.add(member);
    return member;
  }

  @AfterEach
  void stop() {
    for (HazelcastInstance member : members) {
      member.getLifecycleService().terminate();
    }
  }

  @Test
  void workOutlivingTheLeaseLetsTheKeyGoAndStillReturnsItsResult() throws Exception {
    HazelcastCluster cluster =
        new HazelcastCluster(member(), Thread::new, 10, 300, HazelcastCluster.READER_CHECK_MS);
    CountDownLatch otherGotIt = new CountDownLatch(1);
    String result =
        cluster.locked(
            "rooms",
            "r1",
            () -> {
              Thread other =
                  new Thread(
                      () ->
                          cluster.locked(
                              "rooms",
                              "r1",
                              () -> {
                                otherGotIt.countDown();
                                return null;
                              }));
              other.start();
              try {
                // the other thread gets the key while this work still runs: the lease let it go
                assertTrue(otherGotIt.await(10, TimeUnit.SECONDS), "the lease freed the key");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return "done";
            });
    assertEquals("done", result, "the unlock past the lease does not fail the work");
    assertEquals(
        "again", cluster.locked("rooms", "r1", () -> "again"), "the key can be taken again");
  }

  @Test
  void aDeadMembersLockIsFreedWhenItIsRemovedNotAfterTheLease() throws Exception {
    HazelcastInstance doomed = member();
    HazelcastInstance survivor = member();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (survivor.getCluster().getMembers().size() < 2 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(2, survivor.getCluster().getMembers().size(), "the two members formed a cluster");
    HazelcastCluster dying = new HazelcastCluster(doomed, Thread::new, 10);
    HazelcastCluster living = new HazelcastCluster(survivor, Thread::new, 10);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              try {
                dying.locked(
                    "rooms",
                    "r2",
                    () -> {
                      held.countDown();
                      try {
                        never.await(); // the member dies holding the key
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return null;
                    });
              } catch (RuntimeException gone) {
                // its instance is terminated under it
              }
            });
    holder.setDaemon(true);
    holder.start();
    assertTrue(held.await(30, TimeUnit.SECONDS));
    long killed = System.nanoTime();
    doomed.getLifecycleService().terminate(); // no goodbye: like kill -9
    String got = living.locked("rooms", "r2", () -> "mine");
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    assertEquals("mine", got);
    System.out.printf("a dead member's room lock was free after %d ms%n", waitedMs);
    assertTrue(
        waitedMs < HazelcastCluster.LOCK_LEASE_MS / 2,
        "freed when the member was removed, not by the 30 s lease: " + waitedMs + " ms");
  }
}
