package io.syncline.security;

import java.security.Principal;

/**
 * Resolves who is on the other end of a connection or request. This is the one place where tokens
 * will be verified; until then, the container's principal or anonymous.
 */
public final class Identity {

  /** The user id given to connections without a principal. */
  public static final String ANONYMOUS = "anonymous";

  private Identity() {}

  public static String userId(Principal principal) {
    return principal == null || principal.getName() == null || principal.getName().isBlank()
        ? ANONYMOUS
        : principal.getName();
  }
}
