package io.syncline.channel;

import io.syncline.protocol.CloseCode;
import java.util.function.Consumer;

/** The socket under a {@link Subscriber}. Neither method may block. */
public interface Transport {

  /** Starts sending one text frame; {@code done} gets null on success or the failure. */
  void send(String text, Consumer<Throwable> done);

  /** Closes the connection with a close code. */
  void close(CloseCode code, String reason);
}
