package io.syncline.protocol;

import java.util.Set;

/**
 * The {@code change} frame made from a {@link Change}: seed 002's shape, live in the flat dialect,
 * and the reply to {@code sync}.
 *
 * <p>Encoded by hand, as JSON-B writes it ({@code ChangeFrameTest} checks both namings): a catch-up
 * sends thousands of them, and Yasson's reflection took most of the time of each.
 */
@MessageType("change")
public record ChangeFrame(Change change) implements ServerMessage, EncodedPayload {

  private static final Set<String> FIELDS = Set.of("change");

  @Override
  public String payloadJson() {
    return write("entityId");
  }

  @Override
  public String flatPayloadJson() {
    return write("entity_id");
  }

  @Override
  public Set<String> payloadFields() {
    return FIELDS;
  }

  private String write(String entityIdName) {
    String data = change.data().toString();
    StringBuilder out = new StringBuilder(160 + data.length());
    out.append("{\"change\":{");
    if (change.action() != null) {
      out.append("\"action\":\"").append(change.action().wireName()).append("\",");
    }
    if (change.actor() != null) {
      out.append("\"actor\":").append(JsonText.quote(change.actor())).append(',');
    }
    out.append("\"data\":").append(data);
    if (change.entity() != null) {
      out.append(",\"entity\":").append(JsonText.quote(change.entity()));
    }
    if (change.entityId() != null) {
      out.append(",\"")
          .append(entityIdName)
          .append("\":")
          .append(JsonText.quote(change.entityId()));
    }
    if (change.timestamp() != null) {
      out.append(",\"timestamp\":\"");
      JsonText.appendInstant(change.timestamp(), out);
      out.append('"');
    }
    return out.append(",\"version\":").append(change.version()).append("}}").toString();
  }
}
