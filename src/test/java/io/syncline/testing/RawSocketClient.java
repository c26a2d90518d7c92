package io.syncline.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client on a plain socket with a tiny receive buffer, for tests that need a peer which
 * truly stops reading (after the handshake it only writes), or that look at the handshake and the
 * frames themselves. It can speak {@code permessage-deflate} (RFC 7692) with no context takeover:
 * {@link Frame#inflated()} reads a compressed frame, {@link #sendCompressed} sends one.
 */
public final class RawSocketClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;

  private RawSocketClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
  }

  /** The handshake's answer: its status line and headers, as received. */
  private String handshake = "";

  /** Connects and completes the handshake; {@code uri} is a ws:// URI on 127.0.0.1. */
  public static RawSocketClient connect(URI uri) {
    return connect(uri, "");
  }

  /**
   * Connects and completes the handshake with extra request headers ({@code "Name: value\r\n"}
   * each), e.g. a {@code Sec-WebSocket-Extensions} offer, which Java's WebSocket client cannot
   * send.
   */
  public static RawSocketClient connect(URI uri, String extraHeaders) {
    try {
      Socket socket = new Socket();
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
      socket.setSoTimeout(10_000);
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: "
              + uri.getHost()
              + ":"
              + uri.getPort()
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
              + "Sec-WebSocket-Key: "
              + Base64.getEncoder().encodeToString(nonce)
              + "\r\n"
              + extraHeaders
              + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String response = readHeaders(socket.getInputStream());
      if (!response.startsWith("HTTP/1.1 101")) {
        socket.close();
        throw new AssertionError("handshake refused: " + response);
      }
      RawSocketClient client = new RawSocketClient(socket);
      client.handshake = response;
      return client;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A response header of the handshake (name case-insensitive), or null. */
  public String responseHeader(String name) {
    for (String line : handshake.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  /** A frame from the server: its first byte (FIN, RSV1-3, opcode) and its payload as received. */
  public record Frame(int head, byte[] payload) {
    /** Whether RSV1 is set: the payload is compressed (permessage-deflate). */
    public boolean compressed() {
      return (head & 0x40) != 0;
    }

    public int opcode() {
      return head & 0x0f;
    }

    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /**
     * The text of a compressed frame that is a whole message, inflated on its own (the server
     * negotiates {@code server_no_context_takeover}, so no earlier message is needed).
     */
    public String inflated() {
      if (!compressed()) {
        throw new AssertionError("not a compressed frame");
      }
      Inflater inflater = new Inflater(true);
      try {
        inflater.setInput(concat(payload, TAIL));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (true) {
          int n = inflater.inflate(buffer);
          if (n > 0) {
            out.write(buffer, 0, n);
          } else if (inflater.needsInput() || inflater.finished()) {
            break;
          }
        }
        return out.toString(StandardCharsets.UTF_8);
      } catch (DataFormatException e) {
        throw new AssertionError("the payload is not raw deflate data", e);
      } finally {
        inflater.end();
      }
    }
  }

  /** The end of a sync flush, which permessage-deflate leaves off each message. */
  private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] all = new byte[first.length + second.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  /** {@code text} compressed as one permessage-deflate message, on its own. */
  public static byte[] deflate(String text) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      do {
        n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        out.write(buffer, 0, n);
      } while (n == buffer.length);
      byte[] all = out.toByteArray();
      byte[] message = new byte[all.length - TAIL.length];
      System.arraycopy(all, 0, message, 0, message.length);
      return message;
    } finally {
      deflater.end();
    }
  }

  /**
   * Reads the next frame the server sends (unmasked, as servers send), within the socket timeout.
   */
  public Frame readFrame() {
    try {
      InputStream in = socket.getInputStream();
      int head = in.read();
      int second = in.read();
      if (head < 0 || second < 0) {
        throw new AssertionError("the server closed the connection");
      }
      long length = second & 0x7f;
      if (length == 126) {
        length = (next(in) << 8) | next(in);
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | next(in);
        }
      }
      return new Frame(head, in.readNBytes((int) length));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The next byte of a frame's header; the connection ending there counts as closed. */
  private static int next(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new AssertionError("the server closed the connection");
    }
    return b;
  }

  /**
   * Reads frames until the server closes the connection: returns the close frame, or null if the
   * connection ended without one; fails if a text or binary frame comes first, or if the socket
   * timeout passes.
   */
  public Frame readUntilClosed() {
    while (true) {
      Frame frame;
      try {
        frame = readFrame();
      } catch (AssertionError e) {
        if (e.getCause() == null) {
          return null; // closed without a close frame
        }
        if (e.getCause() instanceof java.net.SocketTimeoutException) {
          throw e;
        }
        return null; // reset
      }
      if (frame.opcode() == 8) {
        return frame;
      }
      if (frame.opcode() < 8) {
        throw new AssertionError("a data frame where a close was expected: " + frame.text());
      }
    }
  }

  /** Sends one masked frame with RSV1 set and {@code payload} as it is (e.g. not deflate data). */
  public void sendMarkedCompressed(byte[] payload) {
    sendFrame(0x80 | 0x40 | 0x01, payload);
  }

  /** Sends one masked text frame. */
  public void send(String text) {
    sendFrame(0x81, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends {@code text} as one compressed text message (RSV1), split into {@code frames} frames (the
   * first a text frame with RSV1, the others continuation frames without it).
   */
  public void sendCompressed(String text, int frames) {
    byte[] compressed = deflate(text);
    int step = (compressed.length + frames - 1) / frames;
    for (int i = 0; i < frames; i++) {
      int from = Math.min(compressed.length, i * step);
      int to = i == frames - 1 ? compressed.length : Math.min(compressed.length, from + step);
      byte[] part = new byte[to - from];
      System.arraycopy(compressed, from, part, 0, part.length);
      int fin = i == frames - 1 ? 0x80 : 0;
      int head = i == 0 ? fin | 0x40 | 0x01 : fin;
      sendFrame(head, part);
    }
  }

  private void sendFrame(int head, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(head);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    try {
      out.write(frame.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String readHeaders(InputStream in) throws IOException {
    StringBuilder headers = new StringBuilder();
    while (!headers.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      headers.append((char) b);
    }
    return headers.toString();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
