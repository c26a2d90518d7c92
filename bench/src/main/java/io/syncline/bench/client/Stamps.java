package io.syncline.bench.client;

import io.netty.buffer.ByteBuf;

/**
 * The stamp every measured message carries: {@code {"bs":SEQ,"bt":NANOS,"p":"xx…"}}, padded to a
 * fixed size. Subscribers find stamps by scanning the frame's bytes, so a frame that packs several
 * messages (a {@code batch:update}) yields each of them, without parsing JSON.
 */
public final class Stamps {

  private static final byte[] SEQ = "\"bs\":".getBytes();
  private static final byte[] TIME = "\"bt\":".getBytes();

  /** What a scan reports, once per stamp found. */
  public interface Sink {
    void stamp(long seq, long sentNanos);
  }

  private Stamps() {}

  /** A message of exactly {@code size} bytes of JSON (at least the stamp's own length). */
  public static String message(long seq, long sentNanos, int size) {
    StringBuilder out = new StringBuilder(size + 8);
    out.append("{\"bs\":").append(seq).append(",\"bt\":").append(sentNanos).append(",\"p\":\"");
    int pad = size - out.length() - 2;
    for (int i = 0; i < pad; i++) {
      out.append('x');
    }
    return out.append("\"}").toString();
  }

  /** Reports every stamp in the frame; returns how many it found. */
  public static int scan(ByteBuf frame, Sink sink) {
    int found = 0;
    int end = frame.writerIndex();
    int i = frame.readerIndex();
    while (true) {
      int at = indexOf(frame, SEQ, i, end);
      if (at < 0) {
        return found;
      }
      int[] next = new int[1];
      long seq = number(frame, at + SEQ.length, end, next);
      int t = indexOf(frame, TIME, next[0], end);
      if (t < 0) {
        return found;
      }
      long sent = number(frame, t + TIME.length, end, next);
      sink.stamp(seq, sent);
      found++;
      i = next[0];
    }
  }

  private static long number(ByteBuf frame, int from, int end, int[] next) {
    long value = 0;
    int i = from;
    while (i < end) {
      byte b = frame.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      value = value * 10 + (b - '0');
      i++;
    }
    next[0] = i;
    return value;
  }

  /** Finds the needle's first byte with Netty's search (a word at a time), then the rest. */
  private static int indexOf(ByteBuf frame, byte[] needle, int from, int end) {
    int last = end - needle.length;
    int i = from;
    outer:
    while (i <= last) {
      i = frame.indexOf(i, last + 1, needle[0]);
      if (i < 0) {
        return -1;
      }
      for (int j = 1; j < needle.length; j++) {
        if (frame.getByte(i + j) != needle[j]) {
          i++;
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
