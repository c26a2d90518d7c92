package io.syncline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster topic's reader on an embedded Hazelcast member (the version Payara embeds): when
 * Hazelcast's own reader stops with the listener still registered (as it did when a split healed,
 * docs/cluster.md), the second check replaces it and the new one reads on from the first message
 * the old one had not handed over: each message once, in order; a reader that is caught up or
 * moving is left alone.
 */
class TopicReaderTest {

  private static final String TOPIC = "syncline-test-0";

  private HazelcastInstance member;
  private ITopic<String[]> topic;
  private final BlockingQueue<String> got = new LinkedBlockingQueue<>();
  private final CountDownLatch slowInHand = new CountDownLatch(1);
  private final CountDownLatch slowMayEnd = new CountDownLatch(1);
  private TopicReader reader;

  @BeforeEach
  void start() {
    Config config = new Config();
    config.setClusterName("syncline-reader-test-" + UUID.randomUUID());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    member = Hazelcast.newHazelcastInstance(config);
    topic = member.getReliableTopic(TOPIC);
    reader = new TopicReader(member, TOPIC, message -> handle(message.get(1)), false, () -> "us");
    reader.start();
  }

  @AfterEach
  void stop() {
    slowMayEnd.countDown();
    member.getLifecycleService().terminate();
  }

  /** Notes each message; holds one called "slow" until the test lets it go. */
  private void handle(String text) {
    if (text.equals("slow")) {
      slowInHand.countDown();
      try {
        slowMayEnd.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    got.add(text);
  }

  private void send(String origin, String text) {
    topic.publish(new String[] {origin, text});
  }

  private String next() throws InterruptedException {
    String text = got.poll(10, TimeUnit.SECONDS);
    if (text == null) {
      throw new AssertionError("no message within 10 s");
    }
    return text;
  }

  @Test
  void aReaderWhoseHazelcastReaderStoppedIsReplacedAndReadsOnFromWhereItStopped() throws Exception {
    // stopped while it waits, not while it hands a message over
    stopHazelcastsReaders();
    send("them", "m1");
    send("us", "own"); // this node's own message: read past, not handed over
    send("them", "m2");
    assertFalse(reader.check(), "behind at one check only");
    String before = reader.toString();
    assertTrue(reader.check(), () -> "behind and still at m1 one check later: " + before);
    assertEquals("m1", next());
    assertEquals("m2", next());
    send("them", "m3");
    assertEquals("m3", next(), "each message once, in order");
    assertFalse(reader.check());
    assertFalse(reader.check(), "the new reader is caught up");
    assertTrue(got.isEmpty());
  }

  @Test
  void aReaderThatMovesBetweenChecksIsLeftAlone() throws Exception {
    for (int i = 0; i < 5; i++) {
      send("them", "m" + i);
      assertFalse(reader.check());
      assertEquals("m" + i, next());
    }
    assertFalse(reader.check());
    assertFalse(reader.check());
  }

  @Test
  void aReaderBusyWithASlowMessageIsLeftAloneAndHandsOverEachMessageOnce() throws Exception {
    send("them", "slow");
    assertTrue(slowInHand.await(10, TimeUnit.SECONDS));
    send("them", "m1"); // waits in the ringbuffer behind the slow one
    for (int i = 0; i < 3; i++) {
      // a replacement would wait for the slow message to end: never, here
      assertFalse(
          assertTimeoutPreemptively(Duration.ofSeconds(10), reader::check),
          "busy with a message is not stuck");
    }
    slowMayEnd.countDown();
    assertEquals("slow", next());
    assertEquals("m1", next());
    send("them", "m2");
    assertEquals("m2", next());
    assertTrue(got.isEmpty());
  }

  @Test
  void aReaderPastTheEndOfAReplacedRingbufferReadsOnFromItsEndAtOnce() throws Exception {
    for (int i = 0; i < 3; i++) {
      send("them", "m" + i);
      assertEquals("m" + i, next());
    }
    stopHazelcastsReaders();
    // as a merge does: the topic's ringbuffer is another one, with its own (shorter) history
    member.getRingbuffer("_hz_rb_" + TOPIC).destroy();
    send("them", "their-old-1");
    assertTrue(reader.check(), "past the end: replaced at the first check");
    send("them", "new");
    assertEquals("new", next(), "the other side's history is not replayed, what comes is read");
    assertFalse(reader.check());
    assertTrue(got.isEmpty());
  }

  @Test
  void aStoppedReaderIsNeverReplaced() throws Exception {
    stopHazelcastsReaders();
    send("them", "m1");
    assertFalse(reader.check());
    reader.stop();
    assertFalse(reader.check(), "stopped: not replaced though stuck");
  }

  /**
   * Stops Hazelcast's reading of the topic the way Hazelcast stops it itself ({@code
   * MessageRunner.cancel()}: its chain of ringbuffer reads ends), leaving the listener registered.
   */
  private void stopHazelcastsReaders() throws ReflectiveOperationException {
    Field runners = topic.getClass().getDeclaredField("runnersMap");
    runners.setAccessible(true);
    for (Object runner : ((Map<?, ?>) runners.get(topic)).values().toArray()) {
      runner.getClass().getMethod("cancel").invoke(runner);
    }
  }
}
