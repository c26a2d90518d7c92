package io.syncline.records;

import java.io.Serializable;
import java.util.Objects;

/** The primary key of an {@link AppliedMutation}: who sent it and its id. */
public class MutationKey implements Serializable {

  private static final long serialVersionUID = 1L;

  private String actor;
  private String mutationId;

  public MutationKey() {}

  MutationKey(String actor, String mutationId) {
    this.actor = actor;
    this.mutationId = mutationId;
  }

  String actor() {
    return actor;
  }

  String mutationId() {
    return mutationId;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MutationKey key
        && Objects.equals(actor, key.actor)
        && Objects.equals(mutationId, key.mutationId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(actor, mutationId);
  }
}
