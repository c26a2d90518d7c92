package io.syncline.bench.client;

/**
 * Syncline's envelope dialect on {@code /api/ws}: after {@code connection:established} the client
 * subscribes to its channels and is ready at the last {@code subscribed}.
 */
public final class SynclineProtocol implements Protocol {

  private final String token;
  private final String[] channels;

  /** Subscribes to {@code channels}; none means ready at {@code connection:established}. */
  public SynclineProtocol(String token, String... channels) {
    this.token = token;
    this.channels = channels;
  }

  @Override
  public String path() {
    return "/api/ws?access_token=" + token;
  }

  @Override
  public void opened(Conn conn) {}

  @Override
  public boolean handshake(Conn conn, String text) {
    // replies may arrive packed into one batch:update, so look inside the whole frame
    if (text.contains("\"type\":\"connection:established\"")) {
      if (channels.length == 0) {
        return true;
      }
      StringBuilder list = new StringBuilder();
      for (String channel : channels) {
        list.append(list.length() == 0 ? "" : ",").append('"').append(channel).append('"');
      }
      conn.send("{\"type\":\"subscribe\",\"channels\":[" + list + "]}");
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
    return "{\"type\":\"broadcast\",\"channel\":\""
        + channels[0]
        + "\",\"event\":\"tick\",\"data\":"
        + message
        + "}";
  }

  @Override
  public String name() {
    return "syncline";
  }
}
