import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A manual measurement, not a test (docs/deploy.md, "Payara: a socket closing can spoil the next
 * request"): subscribers that connect to {@code /api/ws}, subscribe, read a few frames and close
 * (close frame, then abort) as fast as they can, while REST writers create records that the server
 * sends them. Counts the handshakes the client saw fail, and why. Against a server on 127.0.0.1
 * with development tokens on (the README's demo settings); stops after SECONDS (at most 600).
 *
 * <pre>
 * java bench/manual/Reconnects.java PORT SECONDS [SUBSCRIBERS=4] [WRITERS=8]
 * </pre>
 */
public class Reconnects {

  private static final AtomicLong CONNECTS = new AtomicLong();
  private static final AtomicLong FAILED_CONNECTS = new AtomicLong();
  private static final AtomicLong WRITES = new AtomicLong();
  private static final AtomicLong FAILED_WRITES = new AtomicLong();
  private static final Map<String, AtomicLong> WHY = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long seconds = Math.min(600, Long.parseLong(args[1]));
    int subscribers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int writers = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    String base = "http://127.0.0.1:" + port;
    HttpClient http = HttpClient.newHttpClient();
    String minted =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/dev/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"user\":\"ada\",\"roles\":[\"user\",\"service\"]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String token = minted.replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    String entity = "Reconnects" + Long.toHexString(System.nanoTime());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newCachedThreadPool();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      pool.submit(() -> write(http, base, entity, token, writer, end));
    }
    Random seeds = new Random(7);
    for (int s = 0; s < subscribers; s++) {
      long seed = seeds.nextLong();
      pool.submit(() -> subscribe(port, entity, token, new Random(seed), end));
    }
    pool.shutdown();
    while (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
      System.out.println(line());
    }
    System.out.println("end: " + line());
    WHY.forEach((why, count) -> System.out.println(count + " × " + why));
  }

  private static String line() {
    return String.format(
        "handshakes %d, failed %d; writes %d, failed %d",
        CONNECTS.get(), FAILED_CONNECTS.get(), WRITES.get(), FAILED_WRITES.get());
  }

  private static Void write(
      HttpClient http, String base, String entity, String token, int writer, long end) {
    for (int i = 0; System.nanoTime() < end; i++) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/entities/" + entity))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"id\":\"w" + writer + "-" + i + "\",\"n\":0}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        WRITES.incrementAndGet();
        if (response.statusCode() != 201) {
          failed(FAILED_WRITES, "write answered " + response.statusCode());
        }
      } catch (Exception e) {
        failed(FAILED_WRITES, "write: " + e);
      }
    }
    return null;
  }

  private static Void subscribe(int port, String entity, String token, Random random, long end) {
    HttpClient client = HttpClient.newHttpClient();
    while (System.nanoTime() < end) {
      BlockingQueue<String> frames = new LinkedBlockingQueue<>();
      WebSocket socket = null;
      CONNECTS.incrementAndGet();
      try {
        socket =
            client
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .subprotocols("jwt", token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/ws"), new Frames(frames))
                .get(8, TimeUnit.SECONDS);
        String first = frames.poll(5, TimeUnit.SECONDS);
        if (first == null || !first.contains("connection:established")) {
          throw new IllegalStateException("first frame: " + first);
        }
        socket.sendText(
            "{\"type\":\"subscribe\",\"requestId\":\"s\",\"channels\":[\"entity:" + entity + "\"]}",
            true);
        int read = 1 + random.nextInt(40);
        for (int i = 0; i < read && frames.poll(5, TimeUnit.SECONDS) != null; i++) {
          // reads a few of the frames the writers cause
        }
      } catch (Exception e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        String why = String.valueOf(cause);
        failed(FAILED_CONNECTS, "handshake: " + why.substring(0, Math.min(160, why.length())));
      } finally {
        if (socket != null) {
          socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
          socket.abort();
        }
      }
    }
    return null;
  }

  private static void failed(AtomicLong counter, String why) {
    counter.incrementAndGet();
    WHY.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
  }

  /** Queues each whole text frame, and the close or error that ends the socket. */
  private record Frames(BlockingQueue<String> frames, StringBuilder text)
      implements WebSocket.Listener {

    Frames(BlockingQueue<String> frames) {
      this(frames, new StringBuilder());
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        frames.add(text.toString());
        text.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
      frames.add("close " + code);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      frames.add("error " + error);
    }
  }
}
