package io.syncline.push;

import io.syncline.protocol.ErrorCode;
import io.syncline.protocol.ProtocolException;
import io.syncline.protocol.Push;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Conflicts waiting for their pusher's {@code conflict:resolve}, kept in memory. */
@ApplicationScoped
public class PendingConflicts {

  /** A refused push and who sent it. */
  record Pending(String actor, Push push) {}

  private static final int MAX = 10_000;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  String add(String actor, Push push) {
    if (pending.size() >= MAX) {
      pending.keySet().stream().findAny().ifPresent(pending::remove);
    }
    String id = UUID.randomUUID().toString();
    pending.put(id, new Pending(actor, push));
    return id;
  }

  /** Takes a conflict out; only its pusher may settle it. */
  Pending take(String conflictId, String actor) {
    Pending conflict = pending.get(conflictId);
    if (conflict == null || !conflict.actor().equals(actor)) {
      throw new ProtocolException(ErrorCode.NOT_FOUND, "no open conflict " + conflictId);
    }
    pending.remove(conflictId);
    return conflict;
  }
}
