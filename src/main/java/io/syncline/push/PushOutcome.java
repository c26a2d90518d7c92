package io.syncline.push;

import io.syncline.protocol.ServerMessage;
import java.util.List;

/** What a push led to: the messages for the pusher, in order (an ack, a conflict, a merge). */
public record PushOutcome(List<ServerMessage> replies) {

  static PushOutcome of(ServerMessage... replies) {
    return new PushOutcome(List.of(replies));
  }
}
