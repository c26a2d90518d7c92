package io.syncline.bench.client;

/** Sends message number {@code seq}, stamped with the time of sending. */
public interface Publisher extends AutoCloseable {

  void publish(long seq);

  /** Sends that could not be made (refused requests), if the publisher can tell. */
  default long failures() {
    return 0;
  }

  @Override
  default void close() {}
}
