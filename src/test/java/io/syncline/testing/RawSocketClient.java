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

/**
 * A WebSocket client on a plain socket with a tiny receive buffer, for tests that need a peer which
 * truly stops reading (after the handshake it only writes), or that look at the handshake and the
 * frames themselves.
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
        length = (in.read() << 8) | in.read();
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | in.read();
        }
      }
      return new Frame(head, in.readNBytes((int) length));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Sends one masked text frame. */
  public void send(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
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
