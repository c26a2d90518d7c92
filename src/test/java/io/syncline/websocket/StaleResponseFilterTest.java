package io.syncline.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.syncline.ops.log.EventLog;
import io.syncline.testing.LogRecords;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A request whose response arrives committed (Grizzly's recycled response of a closed WebSocket)
 * has its connection dropped instead of being served, and says so in the event log; any other
 * request passes, and so does that one where the connection cannot be dropped or is HTTP/2's.
 */
class StaleResponseFilterTest {

  private final List<String> events = new ArrayList<>();
  private int served;
  private int dropped;

  @Test
  void aFreshResponseIsServed() throws Exception {
    run(false, true);
    assertEquals(1, served);
    assertEquals(0, dropped);
    assertEquals(List.of(), events);
  }

  @Test
  void aCommittedResponsesConnectionIsDroppedUnserved() throws Exception {
    run(true, true);
    assertEquals(0, served);
    assertEquals(1, dropped);
    assertEquals(List.of("WARNING stale_response method=GET path=/api/ws dropped=true"), events);
  }

  @Test
  void aCommittedResponseWhoseConnectionStaysIsServedAsBefore() throws Exception {
    run(true, false);
    assertEquals(1, served);
    assertEquals(List.of("WARNING stale_response method=GET path=/api/ws dropped=false"), events);
  }

  @Test
  void anHttp2ConnectionIsNotDroppedForOneStream() throws Exception {
    run(true, true, "HTTP/2.0");
    assertEquals(1, served);
    assertEquals(0, dropped);
    assertEquals(List.of("WARNING stale_response method=GET path=/api/ws dropped=false"), events);
  }

  private void run(boolean committed, boolean droppable) throws Exception {
    run(committed, droppable, "HTTP/1.1");
  }

  private void run(boolean committed, boolean droppable, String protocol) throws Exception {
    HttpServletRequest request =
        fake(
            HttpServletRequest.class,
            Map.of("getMethod", "GET", "getRequestURI", "/api/ws", "getProtocol", protocol));
    HttpServletResponse response =
        fake(HttpServletResponse.class, Map.of("isCommitted", committed));
    FilterChain chain = (req, res) -> served++;
    StaleResponseFilter filter =
        new StaleResponseFilter(
            r -> {
              dropped += droppable ? 1 : 0;
              return droppable;
            });
    try (LogRecords log = LogRecords.of(EventLog.LOGGER, Level.ALL)) {
      filter.doFilter(request, response, chain);
      events.addAll(log.lines());
    }
  }

  /** An object of {@code type} that answers the named getters and nothing else. */
  private static <T> T fake(Class<T> type, Map<String, Object> answers) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (answers.containsKey(method.getName())) {
                return answers.get(method.getName());
              }
              throw new UnsupportedOperationException(method.getName());
            }));
  }
}
