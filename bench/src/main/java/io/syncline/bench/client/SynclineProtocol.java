package io.syncline.bench.client;

import io.syncline.testing.Frames;

/**
 * Syncline's envelope dialect on {@code /api/ws}: after {@code connection:established} the client
 * subscribes to its channels and is ready at the last {@code subscribed}.
 */
public final class SynclineProtocol implements Protocol {

  private final String token;
  private final String[] channels;
  private final String subscribe;
  private final Frames.Template publish;

  /** Subscribes to {@code channels}; none means ready at {@code connection:established}. */
  public SynclineProtocol(String token, String... channels) {
    this.token = token;
    this.channels = channels;
    this.subscribe = Frames.subscribeAll(channels);
    this.publish =
        channels.length == 0
            ? null
            : Frames.template(Frames.broadcast(channels[0], "tick", Frames.raw(0)));
  }

  @Override
  public String path() {
    return "/api/ws";
  }

  /**
   * The token as Syncline's JavaScript client sends it by default: offered as the second of two
   * subprotocols, {@code jwt} and the token (docs/security.md).
   */
  @Override
  public String subprotocols() {
    return "jwt," + token;
  }

  @Override
  public void opened(Conn conn) {}

  @Override
  public boolean handshake(Conn conn, String text) {
    // replies may arrive packed into one batch:update, so look inside the whole frame
    if (text.contains("\"type\":\"connection:established\"")) {
      conn.greetedNanos = System.nanoTime();
      if (channels.length == 0) {
        return true;
      }
      conn.send(subscribe);
      return false;
    }
    if (text.contains("\"type\":\"subscribed\"")) {
      return text.contains("\"channel\":\"" + channels[channels.length - 1] + "\"");
    }
    if (text.contains("\"type\":\"error\"")) {
      throw new IllegalStateException("subscription refused: " + text);
    }
    return false;
  }

  @Override
  public String publishFrame(String message) {
    return publish.fill(message);
  }

  @Override
  public String name() {
    return "syncline";
  }
}
