package io.syncline.component;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Component room settings (docs/presence.md). */
@ApplicationScoped
public class ComponentSettings {

  @Inject
  @ConfigProperty(name = "syncline.rooms.max-members", defaultValue = "10000")
  int maxMembers;

  @Inject
  @ConfigProperty(name = "syncline.rooms.max-state-bytes", defaultValue = "1048576")
  int maxStateBytes;

  @Inject
  @ConfigProperty(name = "syncline.rooms.max-kept", defaultValue = "10000")
  int maxKept;

  /** Connections one room takes; the next subscribe is refused with {@code limit_exceeded}. */
  public int maxMembers() {
    return maxMembers;
  }

  /** The largest state one room keeps, as JSON; a change past it is refused. */
  public int maxStateBytes() {
    return maxStateBytes;
  }

  /** How many rooms' states the node keeps; the least recently used goes first. */
  public int maxKept() {
    return maxKept;
  }
}
