package io.syncline.channel;

import io.syncline.protocol.ProtocolException;
import java.security.Principal;

/**
 * The one place that decides who may do what on a channel. Every subscribe, broadcast and publish
 * asks it; a refusal is a {@link ProtocolException} with {@code forbidden}, and changes nothing.
 */
public interface ChannelPolicy {

  /** May this connection subscribe to the channel? */
  void checkSubscribe(Subscriber subscriber, ChannelName channel);

  /** May this connection send client events to the channel's other subscribers? */
  void checkBroadcast(Subscriber subscriber, ChannelName channel);

  /** May this caller of the server-side publish API publish to the channel? */
  void checkPublish(Principal caller, ChannelName channel);
}
