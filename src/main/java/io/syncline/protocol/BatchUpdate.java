package io.syncline.protocol;

import java.util.List;
import java.util.Set;

/**
 * Frames delivered together, in order: a throttled subscription's coalesced frames, or a
 * connection's backlog packed into one frame. Its payload is {@code {batchId, updates:[frames]}},
 * each frame already encoded in the subscriber's dialect and copied in as it is, never parsed
 * again. The one place a {@code batch:update} is built.
 */
@MessageType("batch:update")
public record BatchUpdate(String batchId, List<String> updates)
    implements ServerMessage, EncodedPayload {

  private static final Set<String> FIELDS = Set.of("batchId", "updates");
  private static final Set<String> FLAT_FIELDS = Set.of("batch_id", "updates");

  @Override
  public String payloadJson() {
    return write("{\"batchId\":");
  }

  /** The flat dialect names its fields in snake_case: {@code batch_id}. */
  @Override
  public String flatPayloadJson() {
    return write("{\"batch_id\":");
  }

  private String write(String opening) {
    int length = 32 + batchId.length();
    for (String update : updates) {
      length += update.length() + 1;
    }
    StringBuilder out = new StringBuilder(length);
    out.append(opening).append(JsonText.quote(batchId)).append(",\"updates\":[");
    for (int i = 0; i < updates.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(updates.get(i));
    }
    return out.append("]}").toString();
  }

  @Override
  public Set<String> payloadFields() {
    return FIELDS;
  }

  @Override
  public Set<String> flatPayloadFields() {
    return FLAT_FIELDS;
  }
}
