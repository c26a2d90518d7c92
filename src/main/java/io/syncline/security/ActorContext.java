package io.syncline.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Who the current request runs as: set by the HTTP authentication filter for REST calls and by the
 * socket layer for frames, read by the services and the change log.
 */
@ApplicationScoped
public class ActorContext {

  private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

  /** The current caller; anonymous outside a request. */
  public Caller caller() {
    Caller caller = CURRENT.get();
    return caller == null ? Caller.ANONYMOUS : caller;
  }

  /** The current caller's user id, for the change log's {@code actor}. */
  public String current() {
    return caller().userId();
  }

  /** Runs work as {@code caller}. */
  public <T> T runAs(Caller caller, Supplier<T> work) {
    Caller previous = CURRENT.get();
    CURRENT.set(caller);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  void enter(Caller caller) {
    CURRENT.set(caller);
  }

  void leave() {
    CURRENT.remove();
  }
}
