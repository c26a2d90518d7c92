package io.syncline.longpoll;

import static io.syncline.testing.Frames.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncline.protocol.CloseCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.TimeoutHandler;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The long-poll session's buffer: numbering, acknowledgement, re-delivery, waiting, closing. */
class LongPollSessionTest {

  /** An AsyncResponse that records what it was resumed with and its timeout handler. */
  static final class Answer {
    final AtomicReference<Object> body = new AtomicReference<>();
    final AtomicReference<TimeoutHandler> onTimeout = new AtomicReference<>();
    final AsyncResponse response =
        (AsyncResponse)
            Proxy.newProxyInstance(
                AsyncResponse.class.getClassLoader(),
                new Class<?>[] {AsyncResponse.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "resume" -> body.compareAndSet(null, args[0]);
                      case "setTimeoutHandler" -> {
                        onTimeout.set((TimeoutHandler) args[0]);
                        yield null;
                      }
                      case "setTimeout" -> true;
                      case "hashCode" -> System.identityHashCode(proxy);
                      case "equals" -> proxy == args[0];
                      default -> null;
                    });

    JsonObject json() {
      Object value = body.get();
      assertNotNull(value, "not answered");
      return Json.createReader(new StringReader((String) value)).readObject();
    }
  }

  private final AtomicInteger closes = new AtomicInteger();
  private final LongPollSession session =
      new LongPollSession("k", 3, Runnable::run, s -> closes.incrementAndGet());

  private void send(String... texts) {
    for (String text : texts) {
      List<Throwable> failure = new ArrayList<>();
      session.send(text, failure::add);
      assertEquals(1, failure.size());
      assertNull(failure.get(0));
    }
  }

  private JsonObject poll(long ack) {
    Answer answer = new Answer();
    assertTrue(session.poll(ack, 1000, answer.response));
    return answer.json();
  }

  private static List<Integer> numbers(JsonObject answer) {
    return answer.getJsonArray("frames").stream()
        .map(frame -> frame.asJsonObject().getInt("n"))
        .toList();
  }

  @Test
  void framesAreNumberedAndAnsweredAgainUntilAcknowledged() {
    send(object("n", 1).toString(), object("n", 2).toString());
    JsonObject first = poll(0);
    assertEquals(2, first.getInt("last"));
    assertEquals(List.of(1, 2), numbers(first));
    assertEquals(first, poll(0), "a lost answer is given again");
    send(object("n", 3).toString());
    JsonObject next = poll(2);
    assertEquals(3, next.getInt("last"));
    assertEquals(List.of(3), numbers(next));
    assertFalse(session.poll(7, 0, new Answer().response), "an ack past the last frame");
  }

  @Test
  void aWaitingPollIsAnsweredByTheNextFrameOrEmptyAtItsTimeout() {
    Answer waiting = new Answer();
    assertTrue(session.poll(0, 1000, waiting.response));
    assertNull(waiting.body.get());
    send(object("n", 1).toString());
    assertEquals(List.of(1), numbers(waiting.json()));

    Answer idle = new Answer();
    assertTrue(session.poll(1, 1000, idle.response));
    idle.onTimeout.get().handleTimeout(idle.response);
    assertEquals(1, idle.json().getInt("last"));
    assertEquals(List.of(), numbers(idle.json()));
  }

  @Test
  void aNewerPollAnswersTheOlderOne() {
    Answer older = new Answer();
    session.poll(0, 1000, older.response);
    Answer newer = new Answer();
    session.poll(0, 1000, newer.response);
    assertEquals(List.of(), numbers(older.json()));
    assertNull(newer.body.get());
  }

  @Test
  void aCloseComesAfterTheFramesBeforeItAndHappensOnce() {
    send(object("n", 1).toString());
    session.close(CloseCode.POLICY_VIOLATION, "bad token");
    session.close(CloseCode.NORMAL, "again");
    assertEquals(1, closes.get());
    JsonObject answer = poll(0);
    assertEquals(List.of(1), numbers(answer));
    assertEquals(1008, answer.getJsonObject("closed").getInt("code"));
    List<Throwable> failure = new ArrayList<>();
    session.send(object("n", 2).toString(), failure::add);
    assertNotNull(failure.get(0), "nothing is sent after the close");
  }

  @Test
  void tooManyUnacknowledgedFramesCloseTheSessionAsASlowConsumer() {
    send(object("n", 1).toString(), object("n", 2).toString(), object("n", 3).toString());
    List<Throwable> failure = new ArrayList<>();
    session.send(object("n", 4).toString(), failure::add);
    assertNotNull(failure.get(0));
    assertEquals(1013, session.closeCode());
    assertEquals(1, closes.get());
  }
}
