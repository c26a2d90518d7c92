package io.syncline.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A push that was applied, kept so that a retry with the same mutation id is not applied twice. */
@Entity
@Table(name = "SYNC_MUTATION")
@IdClass(MutationKey.class)
@NamedQuery(
    name = AppliedMutation.OF_ACTOR,
    query = "SELECT m FROM AppliedMutation m WHERE m.actor = :actor AND m.mutationId IN :ids")
public class AppliedMutation {

  static final String OF_ACTOR = "AppliedMutation.ofActor";

  @Id
  @Column(name = "ACTOR", length = 200)
  private String actor;

  @Id
  @Column(name = "MUTATION_ID", length = 200)
  private String mutationId;

  @Column(name = "ENTITY_TYPE", length = 100, nullable = false)
  private String entity;

  @Column(name = "ENTITY_ID", length = 200, nullable = false)
  private String entityId;

  @Column(name = "RESULT_VERSION", nullable = false)
  private long version;

  @Column(name = "APPLIED_AT", nullable = false)
  private long appliedAt;

  protected AppliedMutation() {}

  AppliedMutation(String actor, String mutationId, String entity, String entityId, long version) {
    this.actor = actor;
    this.mutationId = mutationId;
    this.entity = entity;
    this.entityId = entityId;
    this.version = version;
    this.appliedAt = System.currentTimeMillis();
  }

  MutationKey key() {
    return new MutationKey(actor, mutationId);
  }

  /** The answer to a retry of this mutation. */
  WriteOutcome.Replayed replayed() {
    return new WriteOutcome.Replayed(entity, entityId, version);
  }
}
