package io.syncline.protocol;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Set;

/**
 * The answer to {@link Ping}; {@code latency} is server time minus the ping's timestamp, in ms.
 * Both fields are written, null when the ping had no sequence number or no timestamp: the contract
 * lists them. The flat dialect leaves a null one out, as seed 002's pong has no fields.
 */
@JsonbNillable
@MessageType("pong")
public record Pong(Long sequenceNumber, Long latency) implements ServerMessage {

  private static final Set<String> SEED_LACKS = Set.of("sequence_number", "latency");

  @Override
  public Set<String> flatOmitsWhenNull() {
    return SEED_LACKS;
  }
}
