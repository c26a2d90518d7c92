package io.syncline.presence;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import java.util.Locale;

/**
 * How a subscriber is told about a resource's presence (the {@code presenceMode} option of {@code
 * presence:join} and {@code subscribe}): {@code events}, the contract's {@code presence:join} and
 * {@code presence:leave} per member (the default); {@code diff}, the changes of each coalescing
 * window in one {@code presence:diff}; {@code count}, only {@code presence:sync {count}}, for rooms
 * too large to list.
 */
public enum PresenceView {
  EVENTS,
  DIFF,
  COUNT;

  /** The view a client named, {@link #EVENTS} when it named none. */
  public static PresenceView of(String mode) {
    if (mode == null) {
      return EVENTS;
    }
    for (PresenceView view : values()) {
      if (view.name().toLowerCase(Locale.ROOT).equals(mode)) {
        return view;
      }
    }
    throw new ProtocolException(
        ErrorCode.BAD_MESSAGE, "presenceMode must be one of events, diff, count");
  }
}
