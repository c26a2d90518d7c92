package io.syncline.protocol;

/**
 * A server frame before encoding: the message plus the envelope fields that are not part of it.
 * {@code channel}, {@code ids} and {@code version} may be null; encoders add the timestamp.
 */
public record Outbound(ServerMessage message, String channel, RequestIds ids, Long version) {

  /** A reply to a request, echoing its ids. */
  public static Outbound reply(ServerMessage message, RequestIds ids) {
    return new Outbound(message, null, ids, null);
  }

  /** A reply about one channel, echoing the request's ids. */
  public static Outbound reply(ServerMessage message, String channel, RequestIds ids) {
    return new Outbound(message, channel, ids, null);
  }

  /** A frame delivered on a channel. */
  public static Outbound onChannel(String channel, ServerMessage message) {
    return new Outbound(message, channel, RequestIds.NONE, null);
  }

  /** A frame that concerns no request and no channel. */
  public static Outbound of(ServerMessage message) {
    return new Outbound(message, null, RequestIds.NONE, null);
  }
}
