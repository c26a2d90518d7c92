package io.syncline.protocol;

/**
 * A message the server sends. Each permitted record carries a {@link MessageType}; the encoders
 * take the wire name from there, except for {@link Published}, whose type is chosen by the
 * publisher.
 */
public sealed interface ServerMessage
    permits ConnectionEstablished,
        Subscribed,
        Unsubscribed,
        Pong,
        BroadcastRelay,
        Published,
        ErrorMessage {

  /** The frame's {@code type}. */
  default String type() {
    return MessageTypes.nameOf(getClass());
  }
}
