package io.syncline.websocket;

import java.nio.charset.StandardCharsets;

/**
 * Unmasked, unfragmented WebSocket text frames, as a server sends them (RFC 6455 §5.2). A broadcast
 * queues the same text for every subscriber, and one writer thread writes it to many sockets in a
 * row, so each thread keeps the last text it encoded and its frame: the frame is built once per
 * broadcast and thread, not once per socket; a packed backlog that several subscribers share
 * ({@code SharedPacking}) is such a text too. Longer texts (long backlogs, pages of replies) are
 * not kept.
 */
final class TextFrames {

  /** The longest text kept, in characters. */
  static final int KEPT_CHARS = 8192;

  /**
   * Each thread's last text and its frame, as JDK types only: container threads outlive the
   * application, and must not hold its classes.
   */
  private static final ThreadLocal<Object[]> LAST = new ThreadLocal<>();

  private TextFrames() {}

  /** The frame of {@code text}; the same array for the same short text in a row on one thread. */
  static byte[] of(String text) {
    if (text.length() > KEPT_CHARS) {
      return encode(text);
    }
    Object[] last = LAST.get();
    if (last == null) {
      last = new Object[2];
      LAST.set(last);
    }
    if (last[0] != text) {
      last[1] = encode(text);
      last[0] = text;
    }
    return (byte[]) last[1];
  }

  /** A new frame of {@code text}: FIN and opcode 1, the payload's length, its UTF-8 bytes. */
  static byte[] encode(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    int length = payload.length;
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    byte[] frame = new byte[header + length];
    frame[0] = (byte) 0x81;
    if (header == 2) {
      frame[1] = (byte) length;
    } else if (header == 4) {
      frame[1] = 126;
      frame[2] = (byte) (length >>> 8);
      frame[3] = (byte) length;
    } else {
      frame[1] = 127;
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
      }
    }
    System.arraycopy(payload, 0, frame, header, length);
    return frame;
  }
}
