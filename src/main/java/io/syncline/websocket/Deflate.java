package io.syncline.websocket;

import jakarta.websocket.Extension;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * {@code permessage-deflate} (RFC 7692) as Syncline negotiates it, container-neutral: which offer
 * to accept and what to answer, and compressing or inflating one message.
 *
 * <p>The answer is always {@code server_no_context_takeover; client_no_context_takeover}: each
 * message is compressed on its own, so no connection keeps a zlib context between messages. An idle
 * connection then holds no compression memory at all (a zlib deflater with the default window is
 * about 256 KB, an inflater about 40 KB); a message borrows a deflater or inflater from a small
 * pool shared by all connections and gives it back when done. The price is a worse ratio on small
 * messages, which cannot refer back to earlier ones (docs/performance.md, "permessage-deflate").
 */
final class Deflate {

  static final String NAME = "permessage-deflate";
  static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
  static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
  static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
  static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

  /** The four bytes a sync flush ends with, removed from a compressed message (RFC 7692 7.2.1). */
  private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

  /** Deflaters and inflaters kept for reuse, each; more than this are made and ended per use. */
  private static final int POOLED = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private static final ConcurrentLinkedQueue<Deflater> DEFLATERS = new ConcurrentLinkedQueue<>();
  private static final ConcurrentLinkedQueue<Inflater> INFLATERS = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger POOLED_DEFLATERS = new AtomicInteger();
  private static final AtomicInteger POOLED_INFLATERS = new AtomicInteger();

  /** What the server answers to an accepted offer. */
  static final Extension ANSWER =
      extension(
          NAME,
          List.of(parameter(SERVER_NO_CONTEXT_TAKEOVER), parameter(CLIENT_NO_CONTEXT_TAKEOVER)));

  private Deflate() {}

  /**
   * Whether {@code requested} (the client's offers, in its order of preference) holds one this
   * server can accept. An offer is declined if it names a parameter twice, names one RFC 7692 does
   * not define, or asks for a server window under 15 bits (Java's deflater always uses 15).
   */
  static boolean acceptable(List<Extension> requested) {
    if (requested == null) {
      return false;
    }
    for (Extension offer : requested) {
      if (NAME.equalsIgnoreCase(offer.getName()) && acceptable(offer)) {
        return true;
      }
    }
    return false;
  }

  private static boolean acceptable(Extension offer) {
    Set<String> seen = new HashSet<>();
    for (Extension.Parameter parameter : offer.getParameters()) {
      String name = parameter.getName().toLowerCase(java.util.Locale.ROOT);
      String value = parameter.getValue();
      boolean valueless = value == null || value.isEmpty();
      if (!seen.add(name)) {
        return false;
      }
      switch (name) {
        case SERVER_NO_CONTEXT_TAKEOVER:
        case CLIENT_NO_CONTEXT_TAKEOVER:
          if (!valueless) {
            return false;
          }
          break;
        case SERVER_MAX_WINDOW_BITS:
          if (valueless || !windowBits(value) || Integer.parseInt(unquote(value)) != 15) {
            return false;
          }
          break;
        case CLIENT_MAX_WINDOW_BITS:
          // a limit on the client's window: an inflater with a 15-bit window reads any of them
          if (!valueless && !windowBits(value)) {
            return false;
          }
          break;
        default:
          return false;
      }
    }
    return true;
  }

  private static boolean windowBits(String value) {
    String bits = unquote(value);
    return bits.matches("[0-9]{1,2}")
        && Integer.parseInt(bits) >= 8
        && Integer.parseInt(bits) <= 15;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }

  /** A thread's last message and what it compressed to (whether shorter or not). */
  private static final ThreadLocal<byte[][]> LAST = new ThreadLocal<>();

  /**
   * {@code message} compressed on its own (raw deflate, sync flush, the final {@code 00 00 ff ff}
   * removed), or null if that is not shorter than the message. A fan-out sends the same text to
   * every subscriber from the same writer thread, and without context takeover it compresses to the
   * same bytes each time: so each thread remembers its last message and answers a repeat with the
   * same bytes (a comparison instead of a compression). The caller must not change either array.
   */
  static byte[] compress(byte[] message) {
    byte[] compressed = deflate(message);
    return compressed.length < message.length ? compressed : null;
  }

  /** Like {@link #compress(byte[])}, but the compressed bytes even when they are not shorter. */
  static byte[] deflate(byte[] message) {
    byte[][] last = LAST.get();
    if (last != null && java.util.Arrays.equals(last[0], message)) {
      return last[1];
    }
    byte[] compressed = deflate(message, 0, message.length);
    LAST.set(new byte[][] {message, compressed});
    return compressed;
  }

  /**
   * {@code length} bytes of {@code message} compressed on their own (raw deflate, sync flush, the
   * final {@code 00 00 ff ff} removed), or null if that is not shorter than the message.
   */
  static byte[] compress(byte[] message, int offset, int length) {
    byte[] compressed = deflate(message, offset, length);
    return compressed.length < length ? compressed : null;
  }

  private static byte[] deflate(byte[] message, int offset, int length) {
    Deflater deflater = deflater();
    try {
      return deflate(deflater, message, offset, length, true);
    } finally {
      release(deflater);
    }
  }

  /**
   * Compresses the next part of a message with {@code deflater}; with {@code last}, flushes and
   * removes the final {@code 00 00 ff ff}.
   */
  static byte[] deflate(Deflater deflater, byte[] part, int offset, int length, boolean last) {
    deflater.setInput(part, offset, length);
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 2));
    byte[] buffer = new byte[Math.min(8192, length + 64)];
    if (last) {
      int written;
      do {
        written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        out.write(buffer, 0, written);
      } while (written == buffer.length);
    } else {
      while (!deflater.needsInput()) {
        out.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH));
      }
    }
    byte[] compressed = out.toByteArray();
    return last && endsWithTail(compressed)
        ? java.util.Arrays.copyOf(compressed, compressed.length - TAIL.length)
        : compressed;
  }

  /** A deflater for one message, to be given back with {@link #release(Deflater)}. */
  static Deflater deflater() {
    Deflater deflater = DEFLATERS.poll();
    if (deflater != null) {
      POOLED_DEFLATERS.decrementAndGet();
      return deflater;
    }
    return new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  }

  private static boolean endsWithTail(byte[] data) {
    int n = data.length;
    return n >= 4
        && data[n - 4] == TAIL[0]
        && data[n - 3] == TAIL[1]
        && data[n - 2] == TAIL[2]
        && data[n - 1] == TAIL[3];
  }

  /** Gives back a deflater taken with {@link #deflater()}. */
  static void release(Deflater deflater) {
    deflater.reset();
    if (POOLED_DEFLATERS.incrementAndGet() <= POOLED) {
      DEFLATERS.offer(deflater);
    } else {
      POOLED_DEFLATERS.decrementAndGet();
      deflater.end();
    }
  }

  /** An inflater for one compressed message, to be given back with {@link #release(Inflater)}. */
  static Inflater inflater() {
    Inflater inflater = INFLATERS.poll();
    if (inflater != null) {
      POOLED_INFLATERS.decrementAndGet();
      return inflater;
    }
    return new Inflater(true);
  }

  /** Gives back an inflater taken with {@link #inflater()}. */
  static void release(Inflater inflater) {
    inflater.reset();
    if (POOLED_INFLATERS.incrementAndGet() <= POOLED) {
      INFLATERS.offer(inflater);
    } else {
      POOLED_INFLATERS.decrementAndGet();
      inflater.end();
    }
  }

  /**
   * Inflates one frame's payload of a compressed message into {@code out}; with {@code last} the
   * message's end (the removed {@code 00 00 ff ff}) too.
   *
   * @throws DataFormatException if the payload is not raw deflate data, or the message grows past
   *     {@code limit} bytes
   */
  static void inflate(
      Inflater inflater, byte[] payload, boolean last, ByteArrayOutputStream out, int limit)
      throws DataFormatException {
    inflate(inflater, payload, out, limit);
    if (last) {
      inflate(inflater, TAIL, out, limit);
    }
  }

  private static void inflate(Inflater inflater, byte[] input, ByteArrayOutputStream out, int limit)
      throws DataFormatException {
    inflater.setInput(input);
    byte[] buffer = new byte[8192];
    while (true) {
      int n = inflater.inflate(buffer);
      if (n > 0) {
        if (out.size() + n > limit) {
          throw new DataFormatException("a compressed message inflates past " + limit + " bytes");
        }
        out.write(buffer, 0, n);
      } else if (inflater.needsInput() || inflater.finished() || inflater.needsDictionary()) {
        return;
      }
    }
  }

  private static Extension.Parameter parameter(String name) {
    return new Extension.Parameter() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public String getValue() {
        return null;
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  private static Extension extension(String name, List<Extension.Parameter> parameters) {
    return new Extension() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public List<Parameter> getParameters() {
        return parameters;
      }

      @Override
      public String toString() {
        StringBuilder text = new StringBuilder(name);
        parameters.forEach(p -> text.append("; ").append(p.getName()));
        return text.toString();
      }
    };
  }
}
