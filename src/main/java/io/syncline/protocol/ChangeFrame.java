package io.syncline.protocol;

import java.time.Instant;
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
      out.append("\"actor\":").append(quote(change.actor())).append(',');
    }
    out.append("\"data\":").append(data);
    if (change.entity() != null) {
      out.append(",\"entity\":").append(quote(change.entity()));
    }
    if (change.entityId() != null) {
      out.append(",\"").append(entityIdName).append("\":").append(quote(change.entityId()));
    }
    if (change.timestamp() != null) {
      out.append(",\"timestamp\":\"");
      appendInstant(change.timestamp(), out);
      out.append('"');
    }
    return out.append(",\"version\":").append(change.version()).append("}}").toString();
  }

  /** The second last written, as {@code Instant.toString} writes it up to the fraction. */
  private record Second(long epochSecond, String text) {}

  private static volatile Second lastSecond = new Second(0, "1970-01-01T00:00:00");

  /**
   * What {@link Instant#toString()} writes, without its formatter for every change: changes come in
   * bursts within one second, so the date and time up to the second are kept from the last one.
   */
  static void appendInstant(Instant instant, StringBuilder out) {
    Second second = lastSecond;
    if (second.epochSecond() != instant.getEpochSecond()) {
      String whole = Instant.ofEpochSecond(instant.getEpochSecond()).toString();
      second = new Second(instant.getEpochSecond(), whole.substring(0, whole.length() - 1));
      lastSecond = second;
    }
    out.append(second.text());
    int nanos = instant.getNano();
    if (nanos > 0) {
      if (nanos % 1_000_000 == 0) {
        appendDigits(nanos / 1_000_000, 3, out);
      } else if (nanos % 1_000 == 0) {
        appendDigits(nanos / 1_000, 6, out);
      } else {
        appendDigits(nanos, 9, out);
      }
    }
    out.append('Z');
  }

  private static void appendDigits(int value, int digits, StringBuilder out) {
    out.append('.');
    String text = Integer.toString(value);
    for (int i = text.length(); i < digits; i++) {
      out.append('0');
    }
    out.append(text);
  }

  private static String quote(String value) {
    return JsonFactory.JSON.createValue(value).toString();
  }
}
