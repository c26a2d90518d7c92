package io.syncline.security;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;

/**
 * Who is calling, as a verified token says: user id, roles, expiry (null: never), e-mail (may be
 * null).
 */
public record Caller(String userId, Set<String> roles, Instant expiresAt, String email)
    implements Principal {

  /** A caller without credentials, where authentication is not required. */
  public static final Caller ANONYMOUS = new Caller(Identity.ANONYMOUS, Set.of(), null, null);

  @Override
  public String getName() {
    return userId;
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public boolean expired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
