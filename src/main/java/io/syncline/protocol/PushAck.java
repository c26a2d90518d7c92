package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Set;

/**
 * A push was applied (or had been, for a retried {@code mutationId}) at {@code version}; {@code
 * mutationId} is written as null for a push that had none (the contract lists the field), except in
 * the flat dialect, whose seed 002 form has no such field.
 */
@JsonbNillable
@MessageType("push_ack")
public record PushAck(String entity, String entityId, long version, String mutationId)
    implements ServerMessage {

  private static final Set<String> SEED_LACKS = Set.of("mutation_id");

  @Override
  public Set<String> flatOmitsWhenNull() {
    return SEED_LACKS;
  }
}
