package io.syncline.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.function.Supplier;

/**
 * Who is making the current change, for the change log's {@code actor}: the user a socket request
 * runs as ({@link #runAs}), else the container's caller, else anonymous.
 */
@ApplicationScoped
public class ActorContext {

  private static final ThreadLocal<String> RUNNING_AS = new ThreadLocal<>();

  @Inject private SecurityContext security;

  public String current() {
    String actor = RUNNING_AS.get();
    if (actor != null) {
      return actor;
    }
    Principal caller;
    try {
      caller = security.getCallerPrincipal();
    } catch (RuntimeException e) {
      caller = null; // outside a request
    }
    return Identity.userId(caller);
  }

  /** Runs work on behalf of a user known to the socket layer. */
  public <T> T runAs(String userId, Supplier<T> work) {
    String previous = RUNNING_AS.get();
    RUNNING_AS.set(userId);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        RUNNING_AS.remove();
      } else {
        RUNNING_AS.set(previous);
      }
    }
  }
}
