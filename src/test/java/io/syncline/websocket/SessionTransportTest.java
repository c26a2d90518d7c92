package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTransportTest {

  /** A session that records each frame and how it went out; async sends complete when released. */
  private static final class FakeSession {
    final List<String> frames = new ArrayList<>();
    final List<String> how = new ArrayList<>();
    final List<SendHandler> pending = new ArrayList<>();

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
    SessionTransport transport = new SessionTransport(fake.session(), Runnable::run, true);
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
    SessionTransport transport = new SessionTransport(fake.session(), Runnable::run, true);
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
    SessionTransport transport = new SessionTransport(fake.session(), Runnable::run, false);
    List<String> done = new ArrayList<>();
    transport.send("a", failure -> done.add("a"));
    assertTrue(done.isEmpty());
    fake.complete();
    transport.send("b", failure -> done.add("b"));
    fake.complete();
    assertEquals(List.of("a", "b"), done);
    assertEquals(List.of("async", "async"), fake.how);
  }
}
