package io.syncline.protocol;

import java.time.Instant;

/**
 * What the frames encoded by hand share: JSON strings and instants written as JSON-B writes them.
 */
public final class JsonText {

  private JsonText() {}

  /**
   * A JSON string literal, quoted and escaped as JSON-P escapes it. A string with nothing to escape
   * (no quote, backslash or control character: nearly every name and id) is quoted without JSON-P,
   * whose string value and writer took a tenth of a catch-up's time per change.
   */
  public static String quote(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return JsonFactory.JSON.createValue(value).toString();
      }
    }
    return "\"" + value + "\"";
  }

  /** The second last written, as {@code Instant.toString} writes it up to the fraction. */
  private record Second(long epochSecond, String text) {}

  private static volatile Second lastSecond = new Second(0, "1970-01-01T00:00:00");

  /**
   * What {@link Instant#toString()} writes, without its formatter for every change: changes come in
   * bursts within one second, so the date and time up to the second are kept from the last one.
   */
  public static void appendInstant(Instant instant, StringBuilder out) {
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
}
