package io.syncline.security;

import io.syncline.channel.ChannelName;
import io.syncline.channel.ChannelPolicy;
import io.syncline.channel.Subscriber;
import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;

/**
 * The channel policy until roles arrive: {@code user:{id}} is readable by that user only;
 * everything else is open, including publishing.
 */
@ApplicationScoped
public class DefaultChannelPolicy implements ChannelPolicy {

  @Override
  public void checkSubscribe(Subscriber subscriber, ChannelName channel) {
    if (channel.kind() == ChannelName.Kind.USER && !channel.id().equals(subscriber.userId())) {
      throw new ProtocolException(ErrorCode.FORBIDDEN, "'" + channel + "' belongs to another user");
    }
  }

  @Override
  public void checkBroadcast(Subscriber subscriber, ChannelName channel) {
    checkSubscribe(subscriber, channel);
  }

  @Override
  public void checkPublish(Principal caller, ChannelName channel) {
    // Open until the security issue adds roles (service, admin).
  }
}
