package io.syncline.protocol;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * Seed 003's request for a person to settle a conflict, sent right after its {@code
 * conflict:detect} (same {@code conflictId}, same {@code requestId}): {@code options} are the
 * versions to choose from, each {@code {choice, id, version, data, metadata}} where {@code choice}
 * is what {@code conflict:resolve} takes to keep it; {@code ui} says what to show. Settled, like
 * the conflict it belongs to, with {@code conflict:resolve}.
 */
@MessageType("conflict:manual-resolution")
public record ConflictManualResolution(String conflictId, List<JsonObject> options, Ui ui)
    implements ServerMessage {

  /**
   * What a resolution dialog shows: a title, a sentence, and the top-level fields on which the two
   * options differ, sorted.
   */
  public record Ui(String title, String description, List<String> fields) {}
}
