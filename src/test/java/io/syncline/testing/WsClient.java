package io.syncline.testing;

import static io.syncline.testing.Frames.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A protocol test client over the JDK's WebSocket, knowing only PROTOCOL.md: connect, send, {@link
 * #expect} a frame type, {@link #expectNone}. It answers heartbeats as a live client does (an
 * unsolicited pong frame each second) unless made {@link #silent}.
 */
public final class WsClient implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
  private WebSocket socket;

  private WsClient() {}

  /** A live client on {@code path} of the H2 server, e.g. {@code /api/ws?dialect=flat}. */
  public static WsClient connect(String path) {
    return connect(SuiteServer.ws(withToken(path, TestTokens.TESTER)));
  }

  /** A live client on {@code path}, past its welcome and subscribed to {@code channel}. */
  public static WsClient subscribed(String path, String channel) {
    WsClient client = connect(path);
    client.expect("connection:established");
    client.send(subscribe(channel));
    client.expect("subscribed");
    return client;
  }

  /** {@code path} with {@code access_token} added, unless it names a token already. */
  public static String withToken(String path, String token) {
    if (path.contains("access_token=")) {
      return path;
    }
    return path + (path.contains("?") ? "&" : "?") + "access_token=" + token;
  }

  /** A live client on a socket URI. */
  public static WsClient connect(URI uri) {
    return new WsClient().open(uri).answeringHeartbeats();
  }

  /** A client that never sends anything after the handshake. */
  public static WsClient silent(String path) {
    return new WsClient().open(SuiteServer.ws(withToken(path, TestTokens.TESTER)));
  }

  /** A live client that opens with these handshake headers and subprotocols. */
  public static WsClient connect(
      URI uri, java.util.Map<String, String> headers, String... subprotocols) {
    WsClient client = new WsClient();
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
    headers.forEach(builder::header);
    if (subprotocols.length > 0) {
      builder.subprotocols(
          subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
    }
    client.socket =
        builder
            .buildAsync(uri, client.new Listener())
            .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .join();
    return client.answeringHeartbeats();
  }

  private WsClient open(URI uri) {
    socket =
        HTTP.newWebSocketBuilder()
            .connectTimeout(TIMEOUT)
            .buildAsync(uri, new Listener())
            .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
            .join();
    return this;
  }

  /** Sends an unsolicited pong each second, as a live client's heartbeat, until closed. */
  private WsClient answeringHeartbeats() {
    try {
      heartbeat.scheduleAtFixedRate(this::sendPong, 1, 1, TimeUnit.SECONDS);
    } catch (RejectedExecutionException alreadyClosed) {
      // the server closed the connection at once; nothing to keep alive
    }
    return this;
  }

  /** Sends raw text as one frame. */
  public WsClient send(String text) {
    socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    return this;
  }

  /** Sends bytes as one binary frame. */
  public WsClient sendBinary(byte[] bytes) {
    socket
        .sendBinary(java.nio.ByteBuffer.wrap(bytes), true)
        .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
        .join();
    return this;
  }

  /** Sends a frame unless the connection is closed already; false if it was. */
  public boolean trySend(String text) {
    try {
      send(text);
      return true;
    } catch (java.util.concurrent.CompletionException closed) {
      return false;
    }
  }

  /** The next frame, which must have this type. */
  public JsonObject expect(String type) {
    JsonObject frame = next();
    assertEquals(type, frame.getString("type", null), () -> "expected " + type + ", got " + frame);
    return frame;
  }

  /** The next frame, which must be an {@code error} with this code. */
  public JsonObject expectError(String code) {
    JsonObject frame = expect("error");
    assertEquals(code, frame.getJsonObject("payload").getString("code"), frame::toString);
    return frame;
  }

  /** The next frame, whatever it is. */
  public JsonObject next() {
    return next(TIMEOUT);
  }

  /** The next frame, whatever it is, within {@code within}. */
  public JsonObject next(Duration within) {
    try {
      JsonObject frame = frames.poll(within.toMillis(), TimeUnit.MILLISECONDS);
      if (frame == null) {
        fail("no frame within " + within + (closed.isDone() ? "; closed " + closed.join() : ""));
      }
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The next frame's text exactly as the server sent it (packed frames are not unpacked), for the
   * tests that compare bytes. Kept apart from {@link #next}: a test reads one or the other.
   */
  public String nextText() {
    try {
      String text = texts.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (text == null) {
        fail("no frame within " + TIMEOUT);
      }
      return text;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * The texts of the WebSocket messages received so far and not taken by {@link #nextText}, as the
   * server sent them (a packed {@code batch:update} is one message).
   */
  public List<String> textsSoFar() {
    return List.copyOf(texts);
  }

  /** The next frame, or null if the server closed the connection instead. */
  public JsonObject nextOrClose() {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        JsonObject frame = frames.poll(50, TimeUnit.MILLISECONDS);
        if (frame != null) {
          return frame;
        }
        if (closed.isDone()) {
          return frames.poll();
        }
      }
      throw new AssertionError("neither a frame nor a close within " + TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame if one arrives within {@code window}, else null. */
  public JsonObject poll(Duration window) {
    try {
      return frames.poll(window.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Asserts that no frame arrives within {@code window}. */
  public void expectNone(Duration window) {
    try {
      JsonObject frame = frames.poll(window.toMillis(), TimeUnit.MILLISECONDS);
      assertNull(frame, () -> "expected no frame, got " + frame);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits for the server to close the connection and returns the close code. */
  public int awaitClose() {
    return closed.orTimeout(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS).join();
  }

  /** Starts the closing handshake and waits for the server's answer. */
  public int closeAndAwait() {
    heartbeat.shutdownNow();
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    return awaitClose();
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  private void sendPong() {
    if (!socket.isOutputClosed()) {
      socket.sendPong(ByteBuffer.allocate(0));
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    if (socket != null) {
      socket.abort();
    }
  }

  /**
   * Queues a frame; a {@code batch:update} into which the server packed a connection's backlog (one
   * without a channel) is unpacked in order, as clients do. A throttled subscription's batches
   * carry their channel and are kept whole, for the tests of throttling.
   */
  private void received(JsonObject frame) {
    if ("batch:update".equals(frame.getString("type", null)) && !frame.containsKey("channel")) {
      frame
          .getJsonObject("payload")
          .getJsonArray("updates")
          .forEach(update -> received(update.asJsonObject()));
    } else {
      frames.add(frame);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        texts.add(text.toString());
        received(Json.createReader(new StringReader(text.toString())).readObject());
        text.setLength(0);
        webSocket.request(1);
      } else {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      heartbeat.shutdownNow();
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
      heartbeat.shutdownNow();
    }
  }

  /** Asserts a frame's payload field. */
  public static void assertPayload(JsonObject frame, String field, String expected) {
    assertTrue(frame.containsKey("payload"), frame::toString);
    assertEquals(expected, frame.getJsonObject("payload").getString(field, null), frame::toString);
  }
}
