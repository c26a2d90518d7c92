package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionTransportTest {

  /** A session that records each frame and how it went out; async sends complete when released. */
  private static final class FakeSession {
    final List<String> frames = new ArrayList<>();
    final List<String> how = new ArrayList<>();
    final List<SendHandler> pending = new ArrayList<>();
    final List<ByteBuffer> pings = new ArrayList<>();
    boolean failPings;

    List<String> pingFrames() {
      return frames.stream().filter(frame -> frame.startsWith("ping:")).toList();
    }

    Session session() {
      RemoteEndpoint.Basic basic =
          proxy(
              RemoteEndpoint.Basic.class,
              (name, args) -> {
                if (!name.equals("getSendWriter")) {
                  throw new UnsupportedOperationException(name);
                }
                return new StringWriter() {
                  @Override
                  public void close() {
                    frames.add(toString());
                    how.add("writer");
                  }
                };
              });
      RemoteEndpoint.Async async =
          proxy(
              RemoteEndpoint.Async.class,
              (name, args) -> {
                if (name.equals("sendPing")) {
                  if (failPings) {
                    throw new java.io.IOException("the socket is gone");
                  }
                  ByteBuffer ping = (ByteBuffer) args[0];
                  pings.add(ByteBuffer.allocate(ping.remaining()).put(ping.duplicate()).flip());
                  frames.add("ping:" + ping.getLong(0));
                  how.add("ping");
                  return null;
                }
                if (!name.equals("sendText") || args.length != 2) {
                  throw new UnsupportedOperationException(name);
                }
                frames.add((String) args[0]);
                how.add("async");
                pending.add((SendHandler) args[1]);
                return null;
              });
      return proxy(
          Session.class,
          (name, args) ->
              switch (name) {
                case "getBasicRemote" -> basic;
                case "getAsyncRemote" -> async;
                default -> throw new UnsupportedOperationException(name);
              });
    }

    void complete() {
      List<SendHandler> held = new ArrayList<>(pending);
      pending.clear();
      held.forEach(handler -> handler.onResult(new SendResult()));
    }
  }

  private interface Call {
    Object on(String method, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, Call call) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) ->
                call.on(method.getName(), args == null ? new Object[0] : args)));
  }

  @Test
  void handedOverSendsAreWrittenInOrderWithACompletionAwaitedEverySixteenth() {
    FakeSession fake = new FakeSession();
    SessionTransport transport = new SessionTransport(fake.session(), Runnable::run, true, null);
    List<String> done = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String frame = "f" + i;
      transport.send(frame, failure -> done.add(frame));
      fake.complete();
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      expected.add("f" + i);
    }
    assertEquals(expected, fake.frames);
    assertEquals(expected, done, "every send completes, in order");
    for (int i = 0; i < 40; i++) {
      assertEquals(
          (i + 1) % SessionTransport.BARRIER_EVERY == 0 ? "async" : "writer", fake.how.get(i));
    }
  }

  @Test
  void aSendThatAwaitsItsCompletionReportsNothingUntilTheFrameIsWritten() {
    FakeSession fake = new FakeSession();
    SessionTransport transport = new SessionTransport(fake.session(), Runnable::run, true, null);
    List<String> done = new ArrayList<>();
    for (int i = 0; i < SessionTransport.BARRIER_EVERY; i++) {
      String frame = "f" + i;
      transport.send(frame, failure -> done.add(frame));
    }
    // a client that stops reading: its queue waits on this send and fills up behind it
    assertEquals(SessionTransport.BARRIER_EVERY - 1, done.size());
    fake.complete();
    assertEquals(SessionTransport.BARRIER_EVERY, done.size());
  }

  @Test
  void withoutHandOverEverySendAwaitsItsCompletion() {
    FakeSession fake = new FakeSession();
    SessionTransport transport = new SessionTransport(fake.session(), Runnable::run, false, null);
    List<String> done = new ArrayList<>();
    transport.send("a", failure -> done.add("a"));
    assertTrue(done.isEmpty());
    fake.complete();
    transport.send("b", failure -> done.add("b"));
    fake.complete();
    assertEquals(List.of("a", "b"), done);
    assertEquals(List.of("async", "async"), fake.how);
  }

  @Test
  void aClientThatReadsNothingIsPingedAndItsSendWaitsOnceBeyondTheWindow() {
    FakeSession fake = new FakeSession();
    SessionTransport transport =
        new SessionTransport(
            fake.session(),
            Runnable::run,
            true,
            new SendWindow(100_000, SendWindow.PING_EVERY_CHARS));
    String frame = "x".repeat(30_000);
    List<Integer> done = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      transport.send(frame, failure -> done.add(n));
    }
    // 120,000 characters went out before the fifth send: beyond the window, so it waits
    assertEquals(List.of(0, 1, 2, 3), done);
    assertEquals(
        List.of("writer", "writer", "writer", "ping", "writer", "ping", "writer"), fake.how);
    assertEquals("ping:90000", fake.frames.get(3), "ahead of the send that passes 64K");
    assertEquals("ping:120000", fake.frames.get(5), "ahead of the send beyond the window");
  }

  @Test
  void onlyAPongThatBringsTheClientWithinTheWindowReleasesTheWaitingSend() {
    FakeSession fake = new FakeSession();
    SendWindow window = new SendWindow(100_000, SendWindow.PING_EVERY_CHARS);
    SessionTransport transport = new SessionTransport(fake.session(), Runnable::run, true, window);
    List<String> done = new ArrayList<>();
    for (String frame : List.of("a".repeat(70_000), "b", "c".repeat(200_000), "d")) {
      transport.send(frame, failure -> done.add(frame.substring(0, 1)));
    }
    assertEquals(List.of("a", "b", "c"), done);
    assertEquals(List.of("ping:70000", "ping:270001"), fake.pingFrames());
    window.pong(fake.pings.get(0).duplicate()); // read 70,000: 200,001 unread before "d"
    assertEquals(3, done.size());
    long firstTag = fake.pings.get(0).getLong(Long.BYTES);
    window.pong(ByteBuffer.allocate(16).putLong(Long.MAX_VALUE).putLong(firstTag).flip());
    assertEquals(3, done.size(), "a tag seen on one ping does not vouch for another count");
    window.pong(ByteBuffer.allocate(16).putLong(270_001).putLong(7).flip());
    assertEquals(3, done.size(), "nor does a made-up tag");
    SendWindow other = new SendWindow(100_000, SendWindow.PING_EVERY_CHARS);
    other.starting(270_001);
    ByteBuffer othersPing = other.starting(1); // the count "d" waits for, on another socket
    window.pong(othersPing); // another socket's ping, for a count this socket also pinged at
    assertEquals(3, done.size(), "nor one of another socket");
    window.pong(ByteBuffer.wrap(new byte[] {1, 2, 3})); // a client's own pong
    assertEquals(3, done.size());
    window.pong(fake.pings.get(1).duplicate());
    assertEquals(List.of("a", "b", "c", "d"), done);
  }

  /**
   * The subscribers of one channel are sent the same frames: if their sockets pinged at the same
   * counts, all their clients' pongs would arrive at once (on Payara, a stall of every delivery).
   */
  @Test
  void socketsSentTheSameFramesPingAtDifferentPoints() {
    Set<Long> firstPings = new HashSet<>();
    for (int socket = 0; socket < 50; socket++) {
      SendWindow window = new SendWindow(1_000_000);
      long sent = 0;
      while (true) {
        ByteBuffer ping = window.starting(1_000);
        if (ping != null) {
          firstPings.add(ping.getLong(0));
          // ahead of the first send that passes a point within the first 64K
          assertTrue(sent < SendWindow.PING_EVERY_CHARS + 1_000, "pinged first at " + sent);
          break;
        }
        sent += 1_000;
      }
    }
    assertTrue(
        firstPings.size() > 10, "50 sockets pinged first at only " + firstPings + " characters");
  }

  @Test
  void aSendWhosePingFailsFailsAndIsNotWritten() {
    FakeSession fake = new FakeSession();
    SessionTransport transport =
        new SessionTransport(
            fake.session(),
            Runnable::run,
            true,
            new SendWindow(100_000, SendWindow.PING_EVERY_CHARS));
    List<Throwable> failures = new ArrayList<>();
    transport.send("a".repeat(70_000), failures::add);
    fake.failPings = true;
    transport.send("b", failures::add); // a ping is due ahead of it
    assertEquals(2, failures.size());
    assertEquals(null, failures.get(0));
    assertTrue(failures.get(1) instanceof java.io.IOException, "a held send could never be freed");
    assertEquals(1, fake.frames.size(), "only the first frame was written");
  }
}
