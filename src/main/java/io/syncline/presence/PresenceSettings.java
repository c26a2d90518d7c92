package io.syncline.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Presence settings (docs/presence.md). */
@ApplicationScoped
public class PresenceSettings {

  @Inject
  @ConfigProperty(name = "syncline.presence.timeout-ms", defaultValue = "30000")
  long timeoutMs;

  @Inject
  @ConfigProperty(name = "syncline.presence.coalesce-ms", defaultValue = "100")
  long coalesceMs;

  /** A member who joined with {@code presence:join} and sends no heartbeat for this long leaves. */
  public long timeoutMs() {
    return timeoutMs;
  }

  /** Changes within this window go out as one frame. */
  public long coalesceMs() {
    return coalesceMs;
  }
}
