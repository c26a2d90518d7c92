package io.syncline.websocket;

/** UTF-8 length checks without encoding the text. */
final class Utf8 {

  private Utf8() {}

  /** Whether the UTF-8 encoding of {@code text} is longer than {@code maxBytes}. */
  static boolean exceeds(String text, int maxBytes) {
    if (text.length() > maxBytes) {
      return true;
    }
    if ((long) text.length() * 3 <= maxBytes) {
      return false;
    }
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes > maxBytes;
  }
}
