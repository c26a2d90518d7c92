package io.syncline.ops.connections;

import io.syncline.channel.Subscriber;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/** One open socket as operators see it: which endpoint and dialect, since when, frames received. */
public final class LiveConnection {

  private final Subscriber subscriber;
  private final String endpoint;
  private final String dialect;
  private final Instant opened = Instant.now();
  private final LongAdder framesIn = new LongAdder();

  LiveConnection(Subscriber subscriber, String endpoint, String dialect) {
    this.subscriber = subscriber;
    this.endpoint = endpoint;
    this.dialect = dialect;
  }

  public Subscriber subscriber() {
    return subscriber;
  }

  public String id() {
    return subscriber.id();
  }

  public String endpoint() {
    return endpoint;
  }

  public String dialect() {
    return dialect;
  }

  public Instant opened() {
    return opened;
  }

  public long framesIn() {
    return framesIn.sum();
  }

  void received() {
    framesIn.increment();
  }
}
