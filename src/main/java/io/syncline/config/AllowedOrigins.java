package io.syncline.config;

import java.util.List;

/**
 * {@code syncline.origins.allowed}: the browser origins that may open sockets and read REST answers
 * (comma-separated, {@code *} for any). Read where both the handshake and CORS ask it.
 */
public final class AllowedOrigins {

  private AllowedOrigins() {}

  /** Whether any origin is configured. */
  public static boolean configured() {
    return !value().isBlank();
  }

  /** Whether the configured list names this origin, or is {@code *}. */
  public static boolean lists(String origin) {
    return List.of(value().split("\\s*,\\s*")).stream()
        .anyMatch(entry -> entry.equals("*") || entry.equalsIgnoreCase(origin));
  }

  private static String value() {
    return SynclineConfig.setting("syncline.origins.allowed").orElse("");
  }
}
