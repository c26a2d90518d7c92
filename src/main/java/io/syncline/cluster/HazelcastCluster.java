package io.syncline.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
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

  /**
   * How long a {@link #locked} key stays locked at most: if the work under it takes longer (this
   * node hangs, or Hazelcast stalls), the key is let go anyway, so a hung node holds up a room for
   * this long at most. A node that dies or leaves lets its keys go sooner: Hazelcast frees a
   * member's locks when it removes the member from the cluster.
   */
  static final long LOCK_LEASE_MS = TimeUnit.SECONDS.toMillis(30);

  private static final int MAX_BATCH = 100;

  /** How often each topic reader is checked ({@link TopicReader#check}). */
  static final long READER_CHECK_MS = 2000;

  /**
   * At most this many characters (4 Mi) of unordered (feed) messages in flight, i.e. published and
   * not yet stored by Hazelcast. Past it a message is dropped unmade (a feed message: the other
   * nodes read the log at their next poll).
   */
  static final int MAX_UNORDERED_CHARS = 4 << 20;

  private final HazelcastInstance hazelcast;
  private volatile String nodeId;
  private final ThreadFactory threads;
  private final Map<String, Sender> senders = new ConcurrentHashMap<>();
  private final List<Consumer<String>> leaveHandlers = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> mergeHandlers = new CopyOnWriteArrayList<>();
  private final List<Runnable> registrations = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private final int queueSize;
  private final AtomicLong dropped = new AtomicLong();
  private final InFlight inFlight;

  private final long leaseMs;
  private final List<TopicReader> readers = new CopyOnWriteArrayList<>();
  private final Thread watch;

  HazelcastCluster(Object instance, ThreadFactory threads, int queueSize) {
    this(instance, threads, queueSize, LOCK_LEASE_MS, READER_CHECK_MS);
  }

  HazelcastCluster(
      Object instance, ThreadFactory threads, int queueSize, long leaseMs, long checkMs) {
    this.leaseMs = leaseMs;
    this.queueSize = queueSize;
    // as many messages as a send queue holds, but only so many characters
    this.inFlight = new InFlight(queueSize, MAX_UNORDERED_CHARS);
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
    UUID lifecycle =
        hazelcast
            .getLifecycleService()
            .addLifecycleListener(
                event -> {
                  if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                    merged();
                  }
                });
    registrations.add(() -> hazelcast.getLifecycleService().removeLifecycleListener(lifecycle));
    this.watch = threads.newThread(() -> watchReaders(checkMs));
    watch.setName("syncline-cluster-readers");
    watch.setDaemon(true);
    watch.start();
  }

  /** Checks every reader every {@code checkMs} until stopped ({@link TopicReader#check}). */
  private void watchReaders(long checkMs) {
    while (running) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(checkMs)); // or unparked by a merge
      if (Thread.interrupted()) {
        return;
      }
      for (TopicReader reader : readers) {
        try {
          reader.check();
        } catch (RuntimeException e) {
          // Hazelcast is busy (a merge) or shutting down: the next check tries again
          LOG.log(Level.FINE, "A cluster reader could not be checked", e);
        }
      }
    }
  }

  /** This node merged into the other side of a split, under a new member id. */
  private void merged() {
    String before = nodeId;
    nodeId = hazelcast.getCluster().getLocalMember().getUuid().toString();
    LOG.info(
        "Syncline node "
            + before
            + " merged back into the cluster after a split, as node "
            + nodeId
            + "; telling the others its members again");
    LockSupport.unpark(watch); // the topics are the other side's now: check the readers at once
    for (Consumer<String> handler : mergeHandlers) {
      try {
        handler.accept(before);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Handling the merge after a split failed", e);
      }
    }
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
    senders.computeIfAbsent(name(topic, shard), this::sender).queue.offer(parts(message));
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
    read(topic, shards, handler, false);
  }

  private void read(String topic, int shards, Consumer<List<String>> handler, boolean ownToo) {
    for (int shard = 0; shard < shards; shard++) {
      TopicReader reader =
          new TopicReader(hazelcast, name(topic, shard), handler, ownToo, this::nodeId);
      reader.start();
      readers.add(reader);
    }
  }

  @Override
  public void sendNow(String topic, int shard, List<String> message) {
    hazelcast.<String[]>getReliableTopic(name(topic, shard)).publish(parts(message));
  }

  @Override
  public void sendUnordered(String topic, int shard, int maxChars, Supplier<List<String>> message) {
    InFlight.Room room = inFlight.reserve(nodeId.length() + maxChars);
    if (room == null) {
      dropped.incrementAndGet();
      return;
    }
    try {
      String[] parts = parts(message.get());
      room.shrink(chars(parts));
      hazelcast
          .<String[]>getReliableTopic(name(topic, shard))
          .publishAsync(parts)
          .whenComplete(
              (done, failure) -> {
                room.release();
                if (failure != null) {
                  LOG.log(Level.FINE, "A cluster message was not sent", failure);
                }
              });
    } catch (RuntimeException e) {
      room.release();
      LOG.log(Level.WARNING, "A cluster message was not sent", e);
    }
  }

  private static int chars(String[] parts) {
    int chars = 0;
    for (String part : parts) {
      chars += part.length();
    }
    return chars;
  }

  private String[] parts(List<String> message) {
    String[] parts = new String[message.size() + 1];
    parts[0] = nodeId;
    for (int i = 0; i < message.size(); i++) {
      parts[i + 1] = message.get(i);
    }
    return parts;
  }

  @Override
  public void listenAll(String topic, int shards, Consumer<List<String>> handler) {
    read(topic, shards, handler, true);
  }

  @Override
  public <T> T locked(String map, String key, Supplier<T> action) {
    IMap<String, String> locks = hazelcast.getMap("syncline-" + map);
    // the lease frees the key if this node hangs; a dead node's locks are freed by Hazelcast
    locks.lock(key, leaseMs, TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    try {
      return action.get();
    } finally {
      try {
        locks.unlock(key);
      } catch (IllegalMonitorStateException outlived) {
        // the work took longer than the lease: the key was let go (another node may have had it
        // meanwhile); what the work did stands, so its result (or failure) is not replaced
        LOG.warning(
            "Work under the cluster lock on "
                + map
                + "/"
                + key
                + " took "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                + " ms, past the lock's lease of "
                + leaseMs
                + " ms: the lock was let go before it ended");
      }
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
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void onNodeLeft(Consumer<String> handler) {
    leaveHandlers.add(handler);
  }

  @Override
  public void onMerged(Consumer<String> handler) {
    mergeHandlers.add(handler);
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
    watch.interrupt();
    try {
      watch.join(TimeUnit.SECONDS.toMillis(10)); // a check in progress ends first
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (TopicReader reader : readers) {
      try {
        reader.stop();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "A cluster reader could not be stopped", e);
      }
    }
    for (Runnable registration : registrations) {
      try {
        registration.run();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "A cluster listener could not be removed", e);
      }
    }
    senders.values().forEach(sender -> sender.queue.force(new String[0]));
  }

  private static String name(String topic, int shard) {
    return "syncline-" + topic + "-" + shard;
  }

  /**
   * One shard's publisher: one thread, so this node's messages on the shard keep their order. It
   * publishes what has queued up meanwhile in one call (in order), so a slow publish does not make
   * the next messages wait one by one.
   */
  private final class Sender implements Runnable {
    final OutgoingQueue queue;
    final ITopic<String[]> topic;

    Sender(ITopic<String[]> topic) {
      this.topic = topic;
      this.queue =
          new OutgoingQueue(
              queueSize,
              dropped,
              System::nanoTime,
              TimeUnit.MINUTES.toNanos(1),
              total ->
                  LOG.warning(
                      "Cluster messages are being dropped: a send queue is full ("
                          + queueSize
                          + " messages; is Hazelcast stalled?). Dropped so far: "
                          + total
                          + ". Changes are not lost (other nodes read them from the database);"
                          + " relays, published messages and presence updates are."));
    }

    @Override
    public void run() {
      while (running) {
        try {
          List<String[]> batch = queue.take(MAX_BATCH);
          batch.removeIf(message -> message.length == 0);
          if (batch.size() == 1) {
            topic.publish(batch.get(0));
          } else if (!batch.isEmpty()) {
            topic.publishAll(batch);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (ExecutionException | RuntimeException e) {
          LOG.log(Level.WARNING, "Cluster messages were not sent", e);
        }
      }
    }
  }
}
