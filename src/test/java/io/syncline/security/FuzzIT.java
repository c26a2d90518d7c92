package io.syncline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.testing.Rest;
import io.syncline.testing.SuiteServer;
import io.syncline.testing.WsClient;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 10,000 random and mutated frames in both dialects against the live server: every frame is
 * answered (or the connection closed with a documented code), the server logs no unhandled
 * exception, and a healthy client alongside keeps getting its messages.
 */
@ExtendWith(SuiteServer.class)
class FuzzIT {

  private static final int FRAMES = 10_000;
  private static final String PUNCTUATION = "{}[]\",:\\0123456789eE-";
  private static final Set<Integer> DOCUMENTED_CLOSES = Set.of(1008, 1009);
  private static final List<String> SEEDS =
      List.of(
          "{\"type\":\"subscribe\",\"channel\":\"component:fuzz\"}",
          "{\"type\":\"subscribe\",\"channels\":[\"entity:Fuzz\",\"component:a\"]}",
          "{\"type\":\"unsubscribe\",\"entities\":[\"Fuzz\"]}",
          "{\"type\":\"ping\",\"payload\":{\"sequenceNumber\":1,\"timestamp\":\"2024-01-15T10:30:00Z\"}}",
          "{\"type\":\"broadcast\",\"channel\":\"component:fuzz\",\"event\":\"typing\",\"data\":{\"x\":1}}",
          "{\"type\":\"sync\",\"entity\":\"Fuzz\",\"since\":0}",
          "{\"type\":\"recovery:request\",\"lastSequenceNumber\":0}",
          "{\"type\":\"push\",\"entity\":\"Fuzz\",\"entityId\":\"f1\",\"action\":\"update\",\"data\":{\"a\":1},\"baseVersion\":1}",
          "{\"type\":\"conflict:resolve\",\"conflictId\":\"x\",\"choice\":\"local\"}",
          "{\"type\":\"auth\",\"token\":\"a.b.c\"}",
          "{\"type\":\"push\",\"entity\":\"Fuzz\",\"entity_id\":\"f2\",\"action\":\"create\",\"data\":{}}");

  /** The protocol is JSON text: a binary frame is a bad frame, answered, and the socket stays. */
  @Test
  void aBinaryFrameIsAnsweredBadMessageAndTheSocketStaysOpen() {
    try (WsClient client = WsClient.connect("/api/ws")) {
      client.expect("connection:established");
      client.sendBinary("{\"type\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      client.expectError("bad_message");
      client.send("{\"type\":\"ping\",\"requestId\":\"after\"}");
      assertEquals("after", client.expect("pong").getString("requestId"));
      // over the frame limit, as a text frame would be: too_large and close 1009
      client.sendBinary(new byte[SuiteServer.MAX_FRAME_BYTES + 1]);
      client.expectError("too_large");
      assertEquals(1009, client.awaitClose());
    }
  }

  @Test
  void randomAndMutatedFramesChangeNothingForOthers() throws Exception {
    Random random = new Random(20261122);
    long logBefore = Files.size(log());
    try (WsClient healthy = WsClient.connect("/api/ws")) {
      healthy.expect("connection:established");
      healthy.send("{\"type\":\"subscribe\",\"channel\":\"schema:calm\"}");
      healthy.expect("subscribed");
      int sent = 0;
      int round = 0;
      while (sent < FRAMES) {
        String path = round++ % 2 == 0 ? "/api/ws" : "/api/ws?dialect=flat";
        try (WsClient fuzzer = WsClient.connect(path)) {
          fuzzer.expect("connection:established");
          boolean open = true;
          for (int i = 0; i < 500 && sent < FRAMES && open; i++, sent++) {
            // a ping after each frame shows the server has dealt with it and is still answering
            String fence = "fence-" + sent;
            if (!fuzzer.trySend(frame(random))
                || !fuzzer.trySend("{\"type\":\"ping\",\"requestId\":\"" + fence + "\"}")) {
              assertTrue(DOCUMENTED_CLOSES.contains(fuzzer.awaitClose()), "undocumented close");
              break;
            }
            while (true) {
              JsonObject answer = fuzzer.nextOrClose();
              if (answer == null) {
                assertTrue(DOCUMENTED_CLOSES.contains(fuzzer.awaitClose()), "undocumented close");
                open = false;
                break;
              }
              if (fence.equals(
                  answer.getString("requestId", answer.getString("request_id", null)))) {
                break;
              }
            }
          }
        }
        Rest.body(
            Rest.h2()
                .post(
                    "/api/channels/schema:calm/messages",
                    "{\"type\":\"still-here\",\"payload\":{\"n\":" + sent + "}}"),
            202);
        assertEquals(sent, healthy.expect("still-here").getJsonObject("payload").getInt("n"));
      }
    }
    String newLog = Files.readString(log()).substring((int) logBefore);
    assertTrue(!newLog.contains("Failed to handle a frame"), "the server failed on a frame");
    // Grizzly and Tyrus log exceptions of their own for some sockets closed mid-frame, at times
    // with our close call further down the stack; only exceptions raised in Syncline's code count.
    assertEquals(List.of(), raisedInSyncline(newLog), "an exception escaped Syncline's code");
  }

  /** The exceptions in a log whose innermost frame is Syncline's code. */
  static List<String> raisedInSyncline(String log) {
    List<String> raised = new ArrayList<>();
    boolean inTrace = false;
    for (String line : log.split("\n")) {
      boolean frame = line.startsWith("\tat ");
      if (frame && !inTrace && line.startsWith("\tat io.syncline.")) {
        raised.add(line.trim());
      }
      inTrace = frame;
    }
    return raised;
  }

  private static Path log() {
    return SuiteServer.server().log();
  }

  private static String frame(Random random) {
    String seed = SEEDS.get(random.nextInt(SEEDS.size()));
    return switch (random.nextInt(6)) {
      case 0 -> randomBytes(random);
      case 1 -> seed.substring(0, random.nextInt(seed.length()));
      case 2 -> mutate(seed, random);
      case 3 -> seed.replaceAll("\"[a-z_]+\":", "\"" + randomWord(random) + "\":");
      case 4 -> "[".repeat(random.nextInt(40)) + seed + "]".repeat(random.nextInt(40));
      default -> seed.replaceFirst(":\"[^\"]*\"", ":" + randomValue(random));
    };
  }

  private static String mutate(String seed, Random random) {
    StringBuilder out = new StringBuilder(seed);
    for (int n = 0; n < 1 + random.nextInt(4); n++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(3)) {
        case 0 -> out.deleteCharAt(at);
        case 1 -> out.insert(at, PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
        default -> out.setCharAt(at, (char) (32 + random.nextInt(95)));
      }
    }
    return out.toString();
  }

  private static String randomBytes(Random random) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < random.nextInt(200); i++) {
      out.append((char) (1 + random.nextInt(0xD7FF)));
    }
    return out.toString();
  }

  private static String randomWord(Random random) {
    return List.of("type", "channel", "payload", "data", "x", "__proto__", "requestId", "since")
        .get(random.nextInt(8));
  }

  private static String randomValue(Random random) {
    return List.of(
            "null",
            "true",
            "-1",
            "1e309",
            "[]",
            "{}",
            "\"\"",
            "[[[[1]]]]",
            "\"" + "z".repeat(20000) + "\"")
        .get(random.nextInt(9));
  }
}
