import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Inflater;

/**
 * A manual measurement, not a test (docs/performance.md, "permessage-deflate"): what
 * permessage-deflate changes for a fan-out on a running Syncline server, in bytes on the wire
 * (server to subscriber, frame headers included) and in server CPU per delivery.
 *
 * <p>N subscribers of {@code component:bench} connect either offering permessage-deflate or not;
 * one publisher socket sends {@code broadcast} frames at a fixed rate for some seconds, each
 * carrying a stamp ({@code "bs":n}) and a payload of the chosen size: {@code 100} is the
 * benchmark's own 100-byte stamp padded with {@code x} (as bench/README.md's fan-out), {@code
 * 2000} a JSON record of about 2 KB (forty varied fields: ids, names, dates, text). Subscribers read
 * every frame, inflate the compressed ones, and count the stamps they hold (a {@code
 * batch:update} holds several). The server's CPU time (user + system, {@code /proc/PID/stat}) is
 * read before the first message and after the last delivery.
 *
 * <pre>
 * java bench/manual/DeflateCost.java PORT SERVER_PID [subscribers=100] [rate=100/s] [seconds=10]
 * java bench/manual/DeflateCost.java --compress-only   # the compression alone, no server
 * </pre>
 *
 * The server must run with {@code syncline.auth.dev-mode=true} (tokens from /api/dev/tokens) and
 * the benchmark's rate limits (bench/README.md). It runs the four (payload, offer) pairs once at
 * half the length to warm the server up, then once more, printing one line per pair each time.
 */
public class DeflateCost {

  private static final boolean DEBUG = System.getenv("DEFLATE_COST_DEBUG") != null;
  private static final Pattern STAMP = Pattern.compile("\"bs\":([0-9]+)");
  private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--compress-only")) {
      compressOnly();
      return;
    }
    int port = Integer.parseInt(args[0]);
    long pid = Long.parseLong(args[1]);
    int subscribers = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int rate = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    String token = token(port);
    System.out.println("warm-up (not a figure):");
    for (int payload : new int[] {100, 2000}) {
      for (boolean deflate : new boolean[] {false, true}) {
        run(port, pid, token, subscribers, rate, Math.max(1, seconds / 2), payload, deflate);
      }
    }
    System.out.println("measured:");
    for (int payload : new int[] {100, 2000}) {
      for (boolean deflate : new boolean[] {false, true}) {
        run(port, pid, token, subscribers, rate, seconds, payload, deflate);
      }
    }
  }

  private static void run(
      int port,
      long pid,
      String token,
      int subscribers,
      int rate,
      int seconds,
      int payloadBytes,
      boolean deflate)
      throws Exception {
    AtomicLong wire = new AtomicLong();
    AtomicLong deliveries = new AtomicLong();
    AtomicLong compressedFrames = new AtomicLong();
    AtomicLong frames = new AtomicLong();
    CountDownLatch subscribed = new CountDownLatch(subscribers);
    boolean[] counting = {false};
    List<Raw> subs = new ArrayList<>();
    List<Thread> readers = new ArrayList<>();
    String offer = deflate ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" : "";
    String answer = null;
    for (int i = 0; i < subscribers; i++) {
      Raw sub = Raw.connect(port, token, offer);
      answer = sub.extensions;
      subs.add(sub);
      Thread reader =
          new Thread(
              () -> {
                boolean ready = false;
                Inflater inflater = new Inflater(true);
                try {
                  while (true) {
                    Raw.Frame frame = sub.read();
                    String text;
                    if (frame.rsv1) {
                      inflater.reset();
                      inflater.setInput(concat(frame.payload, TAIL));
                      ByteArrayOutputStream out = new ByteArrayOutputStream();
                      byte[] buffer = new byte[8192];
                      int n;
                      while ((n = inflater.inflate(buffer)) > 0) {
                        out.write(buffer, 0, n);
                      }
                      text = out.toString(StandardCharsets.UTF_8);
                    } else {
                      text = new String(frame.payload, StandardCharsets.UTF_8);
                    }
                    if (!ready) {
                      if (text.contains("\"type\":\"connection:established\"")) {
                        sub.send("{\"type\":\"subscribe\",\"channel\":\"component:bench\"}");
                      }
                      if (text.contains("\"type\":\"subscribed\"")) {
                        ready = true;
                        subscribed.countDown();
                      }
                      continue;
                    }
                    if (!counting[0]) {
                      continue; // presence frames while the others join
                    }
                    if (DEBUG && frames.get() == 0) {
                      System.err.println("first frame: " + text);
                    }
                    wire.addAndGet(frame.wireBytes);
                    frames.incrementAndGet();
                    if (frame.rsv1) {
                      compressedFrames.incrementAndGet();
                    }
                    Matcher stamps = STAMP.matcher(text);
                    while (stamps.find()) {
                      deliveries.incrementAndGet();
                    }
                  }
                } catch (Exception e) {
                  // closed at the end
                } finally {
                  inflater.end();
                }
              });
      reader.setDaemon(true);
      reader.start();
      readers.add(reader);
    }
    if (!subscribed.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("subscribers not ready");
    }
    // a broadcast goes from a subscriber of the channel to its other subscribers
    Raw publisher = Raw.connect(port, token, "");
    publisher.read(); // connection:established
    publisher.send("{\"type\":\"subscribe\",\"channel\":\"component:bench\"}");
    Thread drain =
        new Thread(
            () -> {
              try {
                while (true) {
                  publisher.read();
                }
              } catch (IOException e) {
                // closed at the end
              }
            });
    drain.setDaemon(true);
    drain.start();
    Thread.sleep(1000);
    counting[0] = true;
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    long cpuBefore = cpuTicks(pid);
    long started = System.nanoTime();
    int messages = rate * seconds;
    for (int i = 0; i < messages; i++) {
      long due = started + i * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      publisher.send(
          "{\"type\":\"broadcast\",\"channel\":\"component:bench\",\"event\":\"tick\",\"data\":"
              + payload(i, payloadBytes)
              + "}");
    }
    long expected = (long) messages * subscribers;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (deliveries.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long cpuAfter = cpuTicks(pid);
    double cpuMicros = (cpuAfter - cpuBefore) * 10_000.0; // 100 ticks a second
    publisher.close();
    subs.forEach(Raw::close);
    long got = deliveries.get();
    System.out.printf(
        "payload %4d B  deflate %-3s  answer [%s]  deliveries %d/%d  frames %d (compressed %d)"
            + "  wire %.1f B/delivery  server CPU %.1f us/delivery  loadavg %s%n",
        payloadBytes,
        deflate ? "on" : "off",
        answer == null ? "" : answer,
        got,
        expected,
        frames.get(),
        compressedFrames.get(),
        wire.get() / (double) Math.max(1, got),
        cpuMicros / Math.max(1, got),
        load);
  }

  /**
   * The compression alone, in this JVM: thread CPU time to compress one delivered frame of each
   * size as the server does (a fresh raw deflater at the default level, sync flush), and to
   * recognise a repeat (the comparison the server's writer threads make instead).
   */
  static void compressOnly() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    for (int size : new int[] {100, 2000}) {
      byte[] frame =
          ("{\"type\":\"broadcast\",\"channel\":\"component:bench\",\"payload\":{\"data\":"
                  + payload(7, size)
                  + ",\"event\":\"tick\",\"from\":\"bench\",\"timestamp\":1796268995384},"
                  + "\"timestamp\":1796268995407}")
              .getBytes(StandardCharsets.UTF_8);
      java.util.zip.Deflater deflater = new java.util.zip.Deflater(-1, true);
      byte[] out = new byte[frame.length + 64];
      int compressed = 0;
      for (int round = 0; round < 2; round++) { // the first warms up
        long cpu = threads.getCurrentThreadCpuTime();
        int runs = 100_000;
        for (int i = 0; i < runs; i++) {
          deflater.reset();
          deflater.setInput(frame);
          compressed = deflater.deflate(out, 0, out.length, java.util.zip.Deflater.SYNC_FLUSH) - 4;
        }
        double compressMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / runs;
        byte[] copy = frame.clone();
        cpu = threads.getCurrentThreadCpuTime();
        boolean same = true;
        for (int i = 0; i < runs; i++) {
          same &= java.util.Arrays.equals(copy, frame);
        }
        double compareMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / runs;
        if (round == 1) {
          System.out.printf(
              "frame %4d B -> %4d B compressed: compress %.2f us, repeat recognised %.3f us (%s)%n",
              frame.length, compressed, compressMicros, compareMicros, same);
        }
      }
      deflater.end();
    }
  }

  /** The message of the given size: the benchmark's padded stamp, or a ~2 KB JSON record. */
  static String payload(int sequence, int bytes) {
    String stamp = "\"bs\":" + sequence + ",\"bt\":" + System.nanoTime();
    if (bytes <= 100) {
      StringBuilder p = new StringBuilder("{" + stamp + ",\"p\":\"");
      while (p.length() < bytes - 2) {
        p.append('x');
      }
      return p.append("\"}").toString();
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder record = new StringBuilder("{" + stamp + ",\"id\":\"task-" + sequence + "\"");
    String[] words = {"review", "draft", "invoice", "customer", "meeting", "deadline", "budget",
      "report", "design", "release", "followup", "contract", "urgent", "weekly", "notes"};
    for (int f = 0; record.length() < bytes - 60; f++) {
      record.append(",\"field").append(f).append("\":");
      switch (f % 4) {
        case 0 -> record.append(random.nextInt(1_000_000));
        case 1 -> record.append("\"2026-").append(1 + random.nextInt(12)).append('-')
            .append(10 + random.nextInt(18)).append("T").append(10 + random.nextInt(12))
            .append(":").append(10 + random.nextInt(49)).append(":00Z\"");
        case 2 -> record.append("\"user-").append(Long.toHexString(random.nextLong())).append('"');
        default -> {
          record.append('"');
          for (int w = 0; w < 4; w++) {
            record.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
          }
          record.append('"');
        }
      }
    }
    return record.append('}').toString();
  }

  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
  }

  private static String token(int port) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/dev/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"user\":\"bench\",\"roles\":[\"user\",\"service\"]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
    if (!token.find()) {
      throw new IllegalStateException("no token: " + response.body());
    }
    return token.group(1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** A WebSocket client on a blocking socket. */
  static final class Raw {
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    String extensions;

    record Frame(boolean rsv1, int opcode, byte[] payload, int wireBytes) {}

    private Raw(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
      this.out = socket.getOutputStream();
    }

    static Raw connect(int port, String token, String headers) throws IOException {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setTcpNoDelay(true);
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      String request =
          "GET /api/ws?access_token="
              + token
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
              + "Sec-WebSocket-Key: "
              + Base64.getEncoder().encodeToString(nonce)
              + "\r\n"
              + headers
              + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      Raw raw = new Raw(socket);
      StringBuilder response = new StringBuilder();
      while (!response.toString().endsWith("\r\n\r\n")) {
        int b = raw.in.read();
        if (b < 0) {
          throw new IOException("closed during the handshake");
        }
        response.append((char) b);
      }
      if (!response.toString().startsWith("HTTP/1.1 101")) {
        throw new IOException("handshake refused: " + response);
      }
      for (String line : response.toString().split("\r\n")) {
        if (line.toLowerCase().startsWith("sec-websocket-extensions:")) {
          raw.extensions = line.substring(line.indexOf(':') + 1).trim();
        }
      }
      return raw;
    }

    Frame read() throws IOException {
      int head = in.read();
      int second = in.read();
      if (head < 0 || second < 0) {
        throw new IOException("closed");
      }
      int header = 2;
      long length = second & 0x7f;
      if (length == 126) {
        length = (in.read() << 8) | in.read();
        header += 2;
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | in.read();
        }
        header += 8;
      }
      byte[] payload = in.readNBytes((int) length);
      return new Frame((head & 0x40) != 0, head & 0x0f, payload, header + payload.length);
    }

    synchronized void send(String text) throws IOException {
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
      out.write(frame.toByteArray());
      out.flush();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // gone
      }
    }
  }
}
