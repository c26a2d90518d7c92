package io.syncline.channel;

import java.util.function.Supplier;

/** A change feed that stands still at one version, for tests of what reads its position. */
public record StillFeed(long currentVersion) implements FeedPosition {

  @Override
  public <T> T atCurrentVersion(Supplier<T> action) {
    return action.get();
  }
}
