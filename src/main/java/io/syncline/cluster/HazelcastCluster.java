package io.syncline.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.ReliableMessageListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster over Payara's embedded Hazelcast. Messages go on reliable topics (one ringbuffer per
 * shard, so one shard's messages reach every node in one order) as {@code String[]}; each shard is
 * published from one thread of this node, so a node's messages keep its order. This class is loaded
 * only where Hazelcast is on the class path ({@link Clusters} checks first).
 */
final class HazelcastCluster implements Cluster {

  private static final Logger LOG = Logger.getLogger(HazelcastCluster.class.getName());

  private final HazelcastInstance hazelcast;
  private final String nodeId;
  private final ThreadFactory threads;
  private final Map<String, Sender> senders = new ConcurrentHashMap<>();
  private final List<Consumer<String>> leaveHandlers = new CopyOnWriteArrayList<>();
  private final List<Runnable> registrations = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;

  HazelcastCluster(Object instance, ThreadFactory threads) {
    this.hazelcast = (HazelcastInstance) instance;
    this.nodeId = hazelcast.getCluster().getLocalMember().getUuid().toString();
    this.threads = threads;
    UUID membership =
        hazelcast
            .getCluster()
            .addMembershipListener(
                new MembershipListener() {
                  @Override
                  public void memberAdded(MembershipEvent event) {
                    // nothing to do: a new node reads the shared state when it needs it
                  }

                  @Override
                  public void memberRemoved(MembershipEvent event) {
                    String left = event.getMember().getUuid().toString();
                    for (Consumer<String> handler : leaveHandlers) {
                      try {
                        handler.accept(left);
                      } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Handling node " + left + " leaving failed", e);
                      }
                    }
                  }
                });
    registrations.add(() -> hazelcast.getCluster().removeMembershipListener(membership));
  }

  /** Whether {@code instance} is a running Hazelcast member. */
  static boolean usable(Object instance) {
    return instance instanceof HazelcastInstance hz && hz.getLifecycleService().isRunning();
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public boolean isClustered() {
    return true;
  }

  @Override
  public void send(String topic, int shard, List<String> message) {
    String[] parts = new String[message.size() + 1];
    parts[0] = nodeId;
    for (int i = 0; i < message.size(); i++) {
      parts[i + 1] = message.get(i);
    }
    senders.computeIfAbsent(name(topic, shard), this::sender).queue.add(parts);
  }

  private Sender sender(String name) {
    Sender sender = new Sender(hazelcast.getReliableTopic(name));
    Thread thread = threads.newThread(sender);
    thread.setName("syncline-cluster-" + name);
    thread.setDaemon(true);
    thread.start();
    return sender;
  }

  @Override
  public void listen(String topic, int shards, Consumer<List<String>> handler) {
    for (int shard = 0; shard < shards; shard++) {
      ITopic<String[]> reliable = hazelcast.getReliableTopic(name(topic, shard));
      UUID registration = reliable.addMessageListener(new Listener(handler));
      registrations.add(() -> reliable.removeMessageListener(registration));
    }
  }

  @Override
  public ConcurrentMap<String, String> map(String name) {
    return hazelcast.getMap("syncline-" + name);
  }

  @Override
  public void put(String map, String key, String value, long ttlMs) {
    hazelcast
        .<String, String>getMap("syncline-" + map)
        .put(key, value, ttlMs, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onNodeLeft(Consumer<String> handler) {
    leaveHandlers.add(handler);
  }

  @Override
  public List<String> nodes() {
    List<String> ids = new ArrayList<>();
    for (Member member : hazelcast.getCluster().getMembers()) {
      ids.add(member.getUuid().toString());
    }
    return ids;
  }

  /**
   * Removes this application's listeners and stops its sending threads: the Hazelcast instance is
   * Payara's and outlives the application (a redeploy must not leave the old one listening).
   */
  void stop() {
    running = false;
    for (Runnable registration : registrations) {
      try {
        registration.run();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "A cluster listener could not be removed", e);
      }
    }
    senders.values().forEach(sender -> sender.queue.add(new String[0]));
  }

  private static String name(String topic, int shard) {
    return "syncline-" + topic + "-" + shard;
  }

  /** One shard's publisher: one thread, so this node's messages on the shard keep their order. */
  private final class Sender implements Runnable {
    final BlockingQueue<String[]> queue = new LinkedBlockingQueue<>();
    final ITopic<String[]> topic;

    Sender(ITopic<String[]> topic) {
      this.topic = topic;
    }

    @Override
    public void run() {
      while (running) {
        try {
          String[] next = queue.take();
          if (next.length > 0) {
            topic.publish(next);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "A cluster message was not sent", e);
        }
      }
    }
  }

  /**
   * Reads a shard from its tail on: a node that joins does not replay what was sent before it; a
   * listener that falls behind the ringbuffer skips what was overwritten rather than stopping.
   */
  private final class Listener implements ReliableMessageListener<String[]> {
    private final Consumer<List<String>> handler;

    Listener(Consumer<List<String>> handler) {
      this.handler = handler;
    }

    @Override
    public void onMessage(Message<String[]> message) {
      String[] parts = message.getMessageObject();
      if (parts.length == 0 || nodeId.equals(parts[0])) {
        return;
      }
      try {
        handler.accept(Arrays.asList(parts));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "A cluster message could not be handled", e);
      }
    }

    @Override
    public long retrieveInitialSequence() {
      return -1;
    }

    @Override
    public void storeSequence(long sequence) {
      // from the tail on each start
    }

    @Override
    public boolean isLossTolerant() {
      LOG.warning("A cluster listener fell behind; messages were skipped");
      return true;
    }

    @Override
    public boolean isTerminal(Throwable failure) {
      return false;
    }
  }
}
