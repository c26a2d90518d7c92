package io.syncline.cluster;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Picks the cluster once, at start: Payara's Hazelcast instance (JNDI {@code payara/Hazelcast}) if
 * Hazelcast is on the class path and running, else a {@link LocalCluster}. On WildFly, and on
 * Payara with {@code --nohazelcast}, it is the local one.
 */
@ApplicationScoped
public class Clusters {

  private static final Logger LOG = Logger.getLogger(Clusters.class.getName());
  private static final String JNDI_NAME = "payara/Hazelcast";

  @Resource private ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "syncline.cluster.queue-size", defaultValue = "10000")
  int queueSize;

  private Cluster cluster;
  private Runnable onStop = () -> {};

  @Produces
  @ApplicationScoped
  Cluster cluster() {
    synchronized (this) {
      if (cluster == null) {
        cluster = choose();
      }
      return cluster;
    }
  }

  private Cluster choose() {
    Object instance = hazelcast();
    if (instance != null) {
      HazelcastCluster hazelcast = new HazelcastCluster(instance, threads, Math.max(1, queueSize));
      onStop = hazelcast::stop;
      LOG.info(
          "Syncline runs clustered over Hazelcast as node "
              + hazelcast.nodeId()
              + " ("
              + hazelcast.nodes().size()
              + " node(s) now)");
      return hazelcast;
    }
    LOG.info("Syncline runs as one node (no Hazelcast cluster)");
    return new LocalCluster();
  }

  /** The running Hazelcast instance Payara embeds, or null. */
  private static Object hazelcast() {
    try {
      Class.forName("com.hazelcast.core.HazelcastInstance", false, Clusters.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    try {
      Object instance = new InitialContext().lookup(JNDI_NAME);
      return HazelcastCluster.usable(instance) ? instance : null;
    } catch (NamingException | RuntimeException e) {
      return null;
    }
  }

  @PreDestroy
  void stop() {
    onStop.run();
  }
}
